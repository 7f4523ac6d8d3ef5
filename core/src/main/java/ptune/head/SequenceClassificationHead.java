package ptune.head;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.Random;
import ptune.method.TuningMethod;
import ptune.model.BertModel;
import ptune.model.EncoderInputs;
import ptune.model.TrainableParameters;

/**
 * The paper's default head: the [CLS] representation -> dropout -> Linear(H, C). Like the official
 * code it uses the backbone's frozen pooler, tanh(dense(h[CLS])), when pretrained pooler weights
 * exist; sentence-embedding backbones ship without one, and then h[CLS] is used directly.
 * With one output it is a regression head (MSE), as for STS-B.
 */
public final class SequenceClassificationHead implements TaskHead {
  private final LinearClassifier classifier;
  private final int numLabels;

  public SequenceClassificationHead(
      int hidden, int numLabels, float dropout, NDManager manager, Random random) {
    this.numLabels = numLabels;
    this.classifier = new LinearClassifier(hidden, numLabels, dropout, manager, random);
  }

  @Override
  public TrainableParameters parameters() {
    return classifier.parameters();
  }

  /** [B, H] sentence representation. */
  static NDArray represent(BertModel model, NDArray hidden) {
    return model.hasPooler() ? model.pool(hidden) : hidden.get(":, 0, :");
  }

  @Override
  public NDArray logits(BertModel model, TuningMethod method, EncoderInputs in, boolean training) {
    NDArray pooled = represent(model, method.encode(model, in, training));
    return classifier.logits(pooled, training); // [B, C]
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
