package ptune.trial;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiPredicate;
import ptune.backbone.Backbone;
import ptune.dataset.Example;
import ptune.dataset.Split;
import ptune.dataset.Task;
import ptune.featurestore.FeatureSetKey;
import ptune.featurestore.FeatureSource;
import ptune.featurestore.StoredExample;
import ptune.featurestore.StoredFeatureSet;
import ptune.trainer.EncodedExample;

/**
 * Encodes a trial's train, dev and held-out examples: from the feature set preprocessing stored
 * when it fits this trial (same encoder fingerprint, every example present with unchanged
 * content), otherwise by tokenizing here. Either way the rows are the same; {@link #origin} says
 * which happened and why, and goes into the trial's result row.
 */
final class TrialFeatures {
  private final EncodedSplit train;
  private final EncodedSplit dev;
  private final EncodedSplit heldOut;
  private final String origin;

  private TrialFeatures(EncodedSplit train, EncodedSplit dev, EncodedSplit heldOut, String origin) {
    this.train = train;
    this.dev = dev;
    this.heldOut = heldOut;
    this.origin = origin;
  }

  /** Thrown when a stored set lacks an example or holds an older version of it. */
  private static final class StaleFeatures extends Exception {
    StaleFeatures(String message) {
      super(message);
    }
  }

  static TrialFeatures encode(TrialSpec spec, Task task, Backbone backbone, TaskSetup setup,
      FeatureSource source, List<Example> train, List<Example> dev, List<Example> heldOut) {
    String reason;
    if (!ExampleFeatures.storable(task.kind())) {
      reason = "features of " + task.kind() + " tasks are not stored";
    } else {
      FeatureSetKey key = ExampleFeatures.key(spec, task);
      try {
        StoredFeatureSet stored = StoredFeatureSet.load(source, key, wanted(train, dev, heldOut));
        String expected = ExampleFeatures.fingerprint(key, backbone);
        if (stored == null) {
          reason = "no stored features at " + source.location(key);
        } else if (!stored.fingerprint().equals(expected)) {
          reason = "features at " + stored.location() + " were written by encoder "
              + stored.fingerprint() + ", this trial encodes with " + expected;
        } else {
          PredictionDecoder decoder = ExampleFeatures.decoder(task);
          return new TrialFeatures(
              lookUp(stored, Split.TRAIN, train, decoder), lookUp(stored, Split.DEV, dev, decoder),
              lookUp(stored, Split.TRAIN, heldOut, decoder), "stored " + stored.location());
        }
      } catch (IOException | StaleFeatures e) {
        reason = e.getMessage();
      }
    }
    SplitEncoder encoder = setup.encoder();
    return new TrialFeatures(encoder.encode(train), encoder.encode(dev), encoder.encode(heldOut),
        "tokenized in the trial: " + reason);
  }

  /** Only the trial's own examples are kept in memory (ReCoRD stores over a million rows). */
  private static BiPredicate<String, String> wanted(List<Example> train, List<Example> dev,
      List<Example> heldOut) {
    Set<String> trainIds = new HashSet<>();
    train.forEach(e -> trainIds.add(e.id()));
    heldOut.forEach(e -> trainIds.add(e.id()));
    Set<String> devIds = new HashSet<>();
    dev.forEach(e -> devIds.add(e.id()));
    String trainName = Split.TRAIN.lowerName();
    String devName = Split.DEV.lowerName();
    return (split, id) -> split.equals(trainName) ? trainIds.contains(id)
        : split.equals(devName) && devIds.contains(id);
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

  /** "stored LOCATION" or "tokenized in the trial: REASON". */
  String origin() {
    return origin;
  }
}
