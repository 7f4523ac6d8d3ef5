package ptune.trial;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.logging.Logger;
import ptune.backbone.Backbone;
import ptune.dataset.Example;
import ptune.dataset.Split;
import ptune.dataset.Task;
import ptune.encoding.EncodedSplit;
import ptune.encoding.PredictionDecoder;
import ptune.encoding.SplitEncoder;
import ptune.featurestore.FeatureSetKey;
import ptune.featurestore.FeatureSource;
import ptune.featurestore.StoredExample;
import ptune.featurestore.StoredFeatureSet;
import ptune.trainer.EncodedExample;

/**
 * Encodes a trial's train, dev, held-out and test examples: from the feature set preprocessing stored
 * when it fits this trial (same encoder fingerprint, every example present with unchanged
 * content), otherwise by tokenizing here. Either way the rows are the same; {@link #origin} says
 * which happened and why, and goes into the trial's result row.
 */
final class TrialFeatures {
  /** Per-trial details for the log (under Spark: the job's log file, or the executor's log). */
  private static final Logger LOG = Logger.getLogger(TrialFeatures.class.getName());

  private final EncodedSplit train;
  private final EncodedSplit dev;
  private final EncodedSplit heldOut;
  private final EncodedSplit test;
  private final String origin;

  private TrialFeatures(EncodedSplit train, EncodedSplit dev, EncodedSplit heldOut, EncodedSplit test,
      String origin) {
    this.train = train;
    this.dev = dev;
    this.heldOut = heldOut;
    this.test = test;
    this.origin = origin;
  }

  /** Thrown when a stored set lacks an example or holds an older version of it. */
  private static final class StaleFeatures extends Exception {
    StaleFeatures(String message) {
      super(message);
    }
  }

  /** Encodes the splits and logs their sizes, the time taken and {@link #origin}. */
  static TrialFeatures encode(TrialSpec spec, Task task, Backbone backbone, TaskSetup setup,
      FeatureSource source, TrialSplits splits) {
    long started = System.nanoTime();
    TrialFeatures features = storedOrTokenized(spec, task, backbone, setup, source, splits);
    LOG.info(String.format("trial %s: %d train, %d held-out, %d dev, %d test examples encoded in"
        + " %.2f s, %s", spec.trialId(), splits.train().size(), splits.heldOut().size(),
        splits.dev().size(), splits.test().size(), (System.nanoTime() - started) / 1e9,
        features.origin()));
    return features;
  }

  private static TrialFeatures storedOrTokenized(TrialSpec spec, Task task, Backbone backbone,
      TaskSetup setup, FeatureSource source, TrialSplits splits) {
    String reason;
    if (!ExampleFeatures.storable(task.kind())) {
      reason = "features of " + task.kind() + " tasks are not stored";
    } else {
      FeatureSetKey key = ExampleFeatures.key(spec, task);
      try {
        StoredFeatureSet stored = StoredFeatureSet.load(source, key, wanted(splits));
        String expected = ExampleFeatures.fingerprint(key, backbone);
        if (stored == null) {
          reason = "no stored features at " + source.location(key);
        } else if (!stored.fingerprint().equals(expected)) {
          reason = "features at " + stored.location() + " were written by encoder "
              + stored.fingerprint() + ", this trial encodes with " + expected;
        } else {
          PredictionDecoder decoder = ExampleFeatures.decoder(task);
          return new TrialFeatures(lookUp(stored, Split.TRAIN, splits.train(), decoder),
              lookUp(stored, Split.DEV, splits.dev(), decoder),
              lookUp(stored, Split.TRAIN, splits.heldOut(), decoder),
              lookUp(stored, Split.TEST, splits.test(), decoder), "stored " + stored.location());
        }
      } catch (IOException | StaleFeatures e) {
        reason = e.getMessage();
      }
    }
    SplitEncoder encoder = setup.encoder();
    return new TrialFeatures(encoder.encode(splits.train()), encoder.encode(splits.dev()),
        encoder.encode(splits.heldOut()), encoder.encode(splits.test()),
        "tokenized in the trial: " + reason);
  }

  /** Only the trial's own examples are kept in memory (ReCoRD stores over a million rows). */
  private static BiPredicate<String, String> wanted(TrialSplits splits) {
    Set<String> trainIds = ids(splits.train());
    trainIds.addAll(ids(splits.heldOut()));
    Set<String> devIds = ids(splits.dev());
    Set<String> testIds = ids(splits.test());
    String trainName = Split.TRAIN.lowerName();
    String devName = Split.DEV.lowerName();
    String testName = Split.TEST.lowerName();
    return (split, id) -> split.equals(trainName) ? trainIds.contains(id)
        : split.equals(devName) ? devIds.contains(id)
        : split.equals(testName) && testIds.contains(id);
  }

  private static Set<String> ids(List<Example> examples) {
    Set<String> ids = new HashSet<>();
    examples.forEach(e -> ids.add(e.id()));
    return ids;
  }

  private static EncodedSplit lookUp(StoredFeatureSet stored, Split split, List<Example> examples,
      PredictionDecoder decoder) throws StaleFeatures {
    List<EncodedExample> rows = new ArrayList<>(examples.size());
    for (Example e : examples) {
      StoredExample row = stored.find(split.lowerName(), e.id());
      if (row == null) {
        throw new StaleFeatures("features at " + stored.location() + " have no " + split.lowerName()
            + " example '" + e.id() + "'");
      }
      if (row.sourceHash() != ExampleFeatures.sourceHash(e)) {
        throw new StaleFeatures("features at " + stored.location() + " hold an older version of "
            + split.lowerName() + " example '" + e.id() + "' (the raw record changed)");
      }
      rows.add(row.example());
    }
    return new EncodedSplit(examples, rows, decoder);
  }

  EncodedSplit train() {
    return train;
  }

  EncodedSplit dev() {
    return dev;
  }

  EncodedSplit heldOut() {
    return heldOut;
  }

  /** Empty when the trial scores no test split. */
  EncodedSplit test() {
    return test;
  }

  /** "stored LOCATION" or "tokenized in the trial: REASON". */
  String origin() {
    return origin;
  }
}
