package ptune.backbone.weights;

/**
 * Maps parameter names of Hugging Face checkpoints (BertModel, BertForMaskedLM, RobertaForMaskedLM,
 * old TF-converted files) onto the one scheme the project uses: BertModel names without a model
 * prefix, plus BERT's {@code cls.predictions.*} masked-LM head.
 */
final class HfParameterNames {

  private HfParameterNames() {}

  /**
   * The project name of {@code name}, or null when the entry is a buffer rather than a parameter
   * ({@code embeddings.position_ids}, {@code embeddings.token_type_ids}: they are aranges/zeros the
   * model rebuilds).
   */
  static String canonical(String name) {
    String n = stripModelPrefix(name);
    if (n.endsWith(".position_ids") || n.equals("embeddings.token_type_ids")) {
      return null;
    }
    n = robertaHeadAsBertHead(n);
    // Checkpoints converted from TF before transformers 2.x name LayerNorm's affine parameters
    // after TF's gamma/beta.
    if (n.endsWith("LayerNorm.gamma")) {
      n = n.substring(0, n.length() - "gamma".length()) + "weight";
    } else if (n.endsWith("LayerNorm.beta")) {
      n = n.substring(0, n.length() - "beta".length()) + "bias";
    }
    // The decoder's bias is the same Parameter as cls.predictions.bias (HF ties them); files may
    // store it under either name, WeightSetBuilder checks that two copies agree.
    if (n.equals("cls.predictions.decoder.bias")) {
      return "cls.predictions.bias";
    }
    return n;
  }

  private static String stripModelPrefix(String name) {
    for (String prefix : new String[] {"bert.", "roberta."}) {
      if (name.startsWith(prefix)) {
        return name.substring(prefix.length());
      }
    }
    return name;
  }

  /** RobertaLMHead (dense, layer_norm, decoder, bias) has the same layout as BertLMPredictionHead. */
  private static String robertaHeadAsBertHead(String n) {
    if (n.startsWith("lm_head.dense.")) {
      return "cls.predictions.transform.dense." + n.substring("lm_head.dense.".length());
    }
    if (n.startsWith("lm_head.layer_norm.")) {
      return "cls.predictions.transform.LayerNorm." + n.substring("lm_head.layer_norm.".length());
    }
    if (n.startsWith("lm_head.decoder.")) {
      return "cls.predictions.decoder." + n.substring("lm_head.decoder.".length());
    }
    if (n.equals("lm_head.bias")) {
      return "cls.predictions.bias";
    }
    return n;
  }
}
