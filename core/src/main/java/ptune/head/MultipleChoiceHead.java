package ptune.head;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import java.util.Random;
import ptune.method.EncoderInputs;
import ptune.method.TrainableParameters;
import ptune.method.TuningMethod;
import ptune.model.BertModel;

/**
 * Multiple choice as the official code does it (COPA): every (context, choice) pair is one encoder
 * row, [CLS] representation -> dropout -> Linear(H, 1) gives its score, softmax over an example's
 * choices. Rows arrive flattened [B*C, T]; scores are [B, C].
 */
public final class MultipleChoiceHead implements TaskHead {
  private final TrainableParameters parameters = new TrainableParameters();
  private final NDArray weight; // [1, H]
  private final NDArray bias; // [1]
  private final int choices;
  private final float dropout;

  public MultipleChoiceHead(int hidden, int choices, float dropout, NDManager manager,
      Random random) {
    this.choices = choices;
    this.dropout = dropout;
    this.weight = parameters.normal("classifier.weight", manager, random, 0.02f, 1, hidden);
    this.bias = parameters.zeros("classifier.bias", manager, 1);
  }

  @Override
  public TrainableParameters parameters() {
    return parameters;
  }

  @Override
  public NDArray logits(BertModel model, TuningMethod method, EncoderInputs in, boolean training) {
    NDArray pooled =
        SequenceClassificationHead.represent(model, method.encode(model, in, training));
    if (training && dropout > 0) {
      pooled = Dropout.dropout(pooled, dropout, true).singletonOrThrow();
    }
    NDArray scores = Linear.linear(pooled, weight, bias).singletonOrThrow(); // [B*C, 1]
    return scores.reshape(-1, choices); // [B, C]
  }

  @Override
  public NDArray loss(BertModel model, TuningMethod method, EncoderInputs in, NDArray labels,
      boolean training) {
    return CrossEntropy.mean(logits(model, method, in, training),
        labels.toType(ai.djl.ndarray.types.DataType.INT64, false));
  }
}
