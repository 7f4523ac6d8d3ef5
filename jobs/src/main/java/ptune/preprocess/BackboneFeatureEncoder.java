package ptune.preprocess;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import ptune.backbone.Backbone;
import ptune.backbone.BackboneCache;
import ptune.dataset.Example;
import ptune.dataset.Label;
import ptune.dataset.SentencePairExample;
import ptune.dataset.Task;
import ptune.dataset.TaskRegistry;
import ptune.dataset.superglue.JsonLinesReader;
import ptune.features.EncodedInput;
import ptune.features.InputEncoder;

/**
 * The real feature encoder: the task's own record parser (official templates included) and the
 * backbone's tokenizer through {@link InputEncoder}, run on the executors. Covers the sentence-pair
 * SuperGLUE tasks whose records hold one example each (BoolQ, CB, RTE, WiC, WSC).
 */
public final class BackboneFeatureEncoder implements FeatureEncoder {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public String fingerprint(String backbone, int maxLength) {
    try {
      return "backbone-feature-encoder-v1:" + BackboneCache.get(backbone).fingerprint() + ":"
          + maxLength;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public FeatureRow encode(String backbone, int maxLength, String taskName, String split,
      String rawJson) {
    Task task = TaskRegistry.get(taskName);
    if (!(task.reader() instanceof JsonLinesReader reader)) {
      throw new IllegalArgumentException("task " + taskName + " is not a JSON Lines task");
    }
    List<Example> examples;
    try {
      examples = reader.parser().parse(JSON.readTree(rawJson));
    } catch (IOException e) {
      throw new UncheckedIOException(taskName + " " + split + ": malformed JSON record", e);
    }
    if (examples.size() != 1 || !(examples.get(0) instanceof SentencePairExample pair)) {
      throw new IllegalArgumentException("task " + taskName + ": a record gives "
          + examples.size() + " examples; preprocessing covers one sentence pair per record");
    }
    Backbone b;
    try {
      b = BackboneCache.get(backbone);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    EncodedInput in = new InputEncoder(b.tokenizer(), maxLength).encode(pair);
    int[] mask = new int[in.length()];
    Arrays.fill(mask, 1);
    int label = pair.label() instanceof Label.Category c ? c.index() : -1;
    return new FeatureRow(pair.id(), label, in.inputIds(), in.tokenTypeIds(), mask);
  }
}
