package ptune.head;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import java.util.Random;
import ptune.method.EncoderInputs;
import ptune.method.TrainableParameters;
import ptune.method.TuningMethod;
import ptune.model.BertModel;

/**
 * The paper's default head: the [CLS] representation -> dropout -> Linear(H, C). Like the official
 * code it uses the backbone's frozen pooler, tanh(dense(h[CLS])), when pretrained pooler weights
 * exist; sentence-embedding backbones ship without one, and then h[CLS] is used directly.
 * With one output it is a regression head (MSE), as for STS-B.
 */
public final class SequenceClassificationHead implements TaskHead {
  private final TrainableParameters parameters = new TrainableParameters();
  private final NDArray weight; // [C, H]
  private final NDArray bias; // [C]
  private final float dropout;
  private final int numLabels;

  public SequenceClassificationHead(
      int hidden, int numLabels, float dropout, NDManager manager, Random random) {
    this.numLabels = numLabels;
    this.dropout = dropout;
    // BERT's initializer_range 0.02 for new linear layers, zero bias (HF _init_weights)
    this.weight = parameters.normal("classifier.weight", manager, random, 0.02f, numLabels, hidden);
    this.bias = parameters.zeros("classifier.bias", manager, numLabels);
  }

  @Override
  public TrainableParameters parameters() {
    return parameters;
  }

  /** [B, H] sentence representation. */
  static NDArray represent(BertModel model, NDArray hidden) {
    return model.hasPooler() ? model.pool(hidden) : hidden.get(":, 0, :");
  }

  @Override
  public NDArray logits(BertModel model, TuningMethod method, EncoderInputs in, boolean training) {
    NDArray pooled = represent(model, method.encode(model, in, training));
    if (training && dropout > 0) {
      pooled = Dropout.dropout(pooled, dropout, true).singletonOrThrow();
    }
    return Linear.linear(pooled, weight, bias).singletonOrThrow(); // [B, C]
  }

  @Override
  public NDArray loss(BertModel model, TuningMethod method, EncoderInputs in, NDArray labels,
      boolean training) {
    NDArray logits = logits(model, method, in, training);
    if (numLabels == 1) {
      return logits.squeeze(1).sub(labels.toType(DataType.FLOAT32, false)).square().mean();
    }
    return CrossEntropy.mean(logits, labels.toType(DataType.INT64, false));
  }
}
