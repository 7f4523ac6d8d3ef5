package ptune.preprocess;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import ptune.backbone.Backbone;
import ptune.backbone.BackboneCache;
import ptune.dataset.Example;
import ptune.dataset.LineRecords;
import ptune.dataset.Split;
import ptune.dataset.Task;
import ptune.tasks.TaskRegistry;
import ptune.featurestore.FeatureSetKey;
import ptune.featurestore.StoredExample;
import ptune.trial.ExampleFeatures;

/**
 * The real feature encoder: the task's own record parser (official templates included) and the
 * trial's own encoder over the backbone's tokenizer ({@link ExampleFeatures}), run on the
 * executors. The rows it stores are, by construction, the rows a trial would tokenize itself.
 */
public final class BackboneFeatureEncoder implements FeatureEncoder {
  @Override
  public String fingerprint(FeatureSetKey key) {
    return ExampleFeatures.fingerprint(key, backbone(key));
  }

  @Override
  public List<StoredExample> encode(FeatureSetKey key, Split split, List<String> header, long index,
      String rawLine) {
    Task task = TaskRegistry.get(key.task());
    if (!(task.reader() instanceof LineRecords records)) {
      throw new IllegalArgumentException("task " + key.task() + " has no line-per-record format");
    }
    return ExampleFeatures.encode(key, backbone(key), task, split,
        records.parse(header, index, rawLine));
  }

  @Override
  public List<StoredExample> encode(FeatureSetKey key, Split split, List<Example> examples) {
    return ExampleFeatures.encode(key, backbone(key), TaskRegistry.get(key.task()), split, examples);
  }

  private static Backbone backbone(FeatureSetKey key) {
    try {
      return BackboneCache.get(key.backbone());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot load backbone " + key.backbone(), e);
    }
  }
}
