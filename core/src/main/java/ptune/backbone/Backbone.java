package ptune.backbone;

import ai.djl.ndarray.NDManager;
import ptune.backbone.weights.WeightSet;
import ptune.features.SubwordTokenizer;
import ptune.model.BertConfig;
import ptune.model.BertModel;

/**
 * A pretrained encoder as ptune uses it: weights (host memory, Hugging Face names), the architecture
 * and the tokenizer, addressed by a built-in name or a Hugging Face model directory.
 *
 * @param name what the user asked for ("minilm-l6", "/models/roberta-large", ...)
 * @param source the file the weights came from (for messages and checkpoint provenance)
 * @param fingerprint identifies these exact weights; a prompt checkpoint records it so that loading
 *     it onto another backbone is refused
 */
public record Backbone(
    String name,
    String source,
    String fingerprint,
    BertConfig config,
    WeightSet weights,
    SubwordTokenizer tokenizer) {

  /** A new model on {@code manager}'s device with the pretrained weights loaded. */
  public BertModel newModel(NDManager manager) {
    BertModel model = new BertModel(config);
    model.loadWeights(weights, manager);
    return model;
  }

  public BertModel newModel(NDManager manager, float hiddenDropout, float attentionDropout) {
    BertModel model = new BertModel(config.withDropout(hiddenDropout, attentionDropout));
    model.loadWeights(weights, manager);
    return model;
  }

  /** Parameters of the pretrained weights this backbone would load (encoder, pooler, MLM head). */
  public long parameterCount() {
    return new BertModel(config).parameterCount();
  }
}
