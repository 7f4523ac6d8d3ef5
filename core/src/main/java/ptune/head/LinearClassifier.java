package ptune.head;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.core.Linear;
import java.util.Random;
import ptune.model.DropoutMask;
import ptune.model.TrainableParameters;

/**
 * The new layer a classification head puts on the encoder: dropout -> Linear(H, C), trained as
 * "classifier.weight" and "classifier.bias" (the names checkpoints store them under).
 */
final class LinearClassifier {
  private final TrainableParameters parameters = new TrainableParameters();
  private final NDArray weight; // [C, H]
  private final NDArray bias; // [C]
  private final float dropout;

  LinearClassifier(int hidden, int outputs, float dropout, NDManager manager, Random random) {
    this.dropout = dropout;
    // BERT's initializer_range 0.02 for new linear layers, zero bias (HF _init_weights)
    this.weight = parameters.normal("classifier.weight", manager, random, 0.02f, outputs, hidden);
    this.bias = parameters.zeros("classifier.bias", manager, outputs);
  }

  TrainableParameters parameters() {
    return parameters;
  }

  /** [..., H] features -> [..., C] logits; dropout only while training. */
  NDArray logits(NDArray features, boolean training) {
    features = DropoutMask.apply(features, dropout, training);
    return Linear.linear(features, weight, bias).singletonOrThrow();
  }
}
