package ptune.trial;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;
import ptune.backbone.Backbone;
import ptune.dataset.Example;
import ptune.dataset.Split;
import ptune.dataset.Task;
import ptune.encoding.EncodedSplit;
import ptune.encoding.ExampleRows;
import ptune.encoding.SplitEncoder;
import ptune.featurestore.FeatureSetKey;
import ptune.featurestore.FeatureSource;
import ptune.featurestore.StoredExample;
import ptune.featurestore.StoredFeatureSet;
import ptune.featurestore.WantedExamples;

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
    SplitEncoder encoder = setup.encoder();
    FeatureSetKey key = ExampleFeatures.key(spec, task);
    try {
      StoredFeatureSet stored = StoredFeatureSet.load(source, key, wanted(splits));
      String expected = ExampleFeatures.fingerprint(key, backbone);
      if (stored == null) {
        reason = "no stored features at " + source.location(key);
      } else if (!expected.equals(stored.fingerprint())) {
        reason = "features at " + stored.location() + " were written by encoder "
            + stored.fingerprint() + ", this trial encodes with " + expected;
      } else {
        return new TrialFeatures(lookUp(stored, Split.TRAIN, splits.train(), encoder),
            lookUp(stored, Split.DEV, splits.dev(), encoder),
            lookUp(stored, Split.TRAIN, splits.heldOut(), encoder),
            lookUp(stored, Split.TEST, splits.test(), encoder), "stored " + stored.location());
      }
    } catch (IOException | StaleFeatures e) {
      reason = e.getMessage();
    }
    return new TrialFeatures(encoder.encode(splits.train()), encoder.encode(splits.dev()),
        encoder.encode(splits.heldOut()), encoder.encode(splits.test()),
        "tokenized in the trial: " + reason);
  }

  /**
   * Only the trial's own examples are kept in memory (ReCoRD stores over a million rows), and the
   * shards of a split it does not read (test, for most trials) are not opened.
   */
  private static WantedExamples wanted(TrialSplits splits) {
    Set<String> trainIds = ids(splits.train());
    trainIds.addAll(ids(splits.heldOut()));
    return WantedExamples.of(Map.of(Split.TRAIN.lowerName(), trainIds, Split.DEV.lowerName(), ids(splits.dev()),
        Split.TEST.lowerName(), ids(splits.test())));
  }

  private static Set<String> ids(List<Example> examples) {
    Set<String> ids = new HashSet<>();
    examples.forEach(e -> ids.add(e.id()));
    return ids;
  }

  private static EncodedSplit lookUp(StoredFeatureSet stored, Split split, List<Example> examples,
      SplitEncoder encoder) throws StaleFeatures {
    List<ExampleRows> rows = new ArrayList<>(examples.size());
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
      rows.add(row.rows());
    }
    return encoder.assemble(examples, rows);
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
