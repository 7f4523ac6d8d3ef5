package ptune.backbone.weights;

/**
 * Maps TensorFlow BERT variable names (Google's checkpoints, TF Hub modules) onto Hugging Face
 * BertModel names, as transformers' {@code load_tf_weights_in_bert} does:
 *
 * <pre>
 * module/bert/encoder/layer_3/attention/self/query/kernel -> encoder.layer.3.attention.self.query.weight (transposed)
 * bert/embeddings/word_embeddings                          -> embeddings.word_embeddings.weight
 * bert/embeddings/LayerNorm/gamma | beta                   -> embeddings.LayerNorm.weight | bias
 * cls/predictions/transform/dense/kernel                   -> cls.predictions.transform.dense.weight (transposed)
 * cls/predictions/output_bias                              -> cls.predictions.bias
 * cls/seq_relationship/output_weights | output_bias        -> cls.seq_relationship.weight | bias
 * </pre>
 *
 * TF's dense layers store {@code kernel} as [in, out]; PyTorch's Linear weight is [out, in].
 */
final class TfBertNames {

  /** A TF variable's Hugging Face name and whether its values must be transposed. */
  record HfName(String name, boolean transpose) {}

  private TfBertNames() {}

  /**
   * The Hugging Face name of {@code variable}, or null when it is not a BERT parameter (global_step,
   * Adam slots {@code .../adam_m}, {@code .../adam_v}, anything outside {@code bert/} and {@code
   * cls/}).
   */
  static HfName toHf(String variable) {
    String n = variable.startsWith("module/") ? variable.substring("module/".length()) : variable;
    if (n.endsWith("/adam_m") || n.endsWith("/adam_v")) {
      return null;
    }
    switch (n) {
      case "cls/predictions/output_bias":
        return new HfName("cls.predictions.bias", false);
      case "cls/seq_relationship/output_weights": // already [2, hidden]
        return new HfName("cls.seq_relationship.weight", false);
      case "cls/seq_relationship/output_bias":
        return new HfName("cls.seq_relationship.bias", false);
      default:
        break;
    }
    if (n.startsWith("bert/")) {
      n = n.substring("bert/".length());
    } else if (!n.startsWith("cls/")) {
      return null;
    }
    String[] parts = n.split("/");
    StringBuilder name = new StringBuilder();
    for (int i = 0; i < parts.length - 1; i++) {
      String part = parts[i];
      name.append(part.startsWith("layer_") ? "layer." + part.substring("layer_".length()) : part)
          .append('.');
    }
    String leaf = parts[parts.length - 1];
    return switch (leaf) {
      case "kernel" -> new HfName(name + "weight", true);
      case "gamma" -> new HfName(name + "weight", false);
      case "beta" -> new HfName(name + "bias", false);
      case "bias" -> new HfName(name + "bias", false);
      default -> leaf.endsWith("_embeddings")
          ? new HfName(name + leaf + ".weight", false)
          : null;
    };
  }
}
