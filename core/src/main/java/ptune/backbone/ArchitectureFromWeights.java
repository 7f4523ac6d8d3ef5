package ptune.backbone;

import ptune.backbone.weights.HostTensor;
import ptune.backbone.weights.WeightSet;
import ptune.model.BertConfig;

/**
 * Reads the architecture off the tensor shapes, for checkpoints that come without a config.json
 * (the ONNX exports and the TF bundle). Only the head count is not visible in the weights.
 */
final class ArchitectureFromWeights {
  private ArchitectureFromWeights() {}

  static BertConfig infer(WeightSet w, int numHeads, String hiddenAct) {
    HostTensor words = tensor(w, "embeddings.word_embeddings.weight");
    int layers = 0;
    while (w.contains("encoder.layer." + layers + ".attention.self.query.weight")) {
      layers++;
    }
    if (layers == 0) {
      throw new IllegalArgumentException(w.source() + ": no encoder.layer.0 tensors found");
    }
    return new BertConfig(
        BertConfig.Family.BERT,
        (int) words.shape()[0],
        (int) words.shape()[1],
        layers,
        numHeads,
        (int) tensor(w, "encoder.layer.0.intermediate.dense.weight").shape()[0],
        (int) tensor(w, "embeddings.position_embeddings.weight").shape()[0],
        (int) tensor(w, "embeddings.token_type_embeddings.weight").shape()[0],
        1e-12f,
        hiddenAct,
        0.1f,
        0.1f,
        0,
        w.contains("pooler.dense.weight"),
        w.contains("cls.predictions.transform.dense.weight"));
  }

  private static HostTensor tensor(WeightSet w, String name) {
    return w.get(name).orElseThrow(() ->
        new IllegalArgumentException(w.source() + ": missing tensor " + name));
  }
}
