package ptune.head;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Random;
import ptune.method.TuningMethod;
import ptune.model.BertModel;
import ptune.model.EncoderInputs;
import ptune.model.TrainableParameters;

/**
 * Multiple choice as the official code does it (COPA): every (context, choice) pair is one encoder
 * row, [CLS] representation -> dropout -> Linear(H, 1) gives its score, softmax over an example's
 * choices. Rows arrive flattened [B*C, T]; scores are [B, C].
 */
public final class MultipleChoiceHead implements TaskHead {
  private final LinearClassifier classifier; // one score per row
  private final int choices;

  public MultipleChoiceHead(int hidden, int choices, float dropout, NDManager manager,
      Random random) {
    this.choices = choices;
    this.classifier = new LinearClassifier(hidden, 1, dropout, manager, random);
  }

  @Override
  public TrainableParameters parameters() {
    return classifier.parameters();
  }

  @Override
  public NDArray logits(BertModel model, TuningMethod method, EncoderInputs in, boolean training) {
    NDArray pooled =
        SequenceClassificationHead.represent(model, method.encode(model, in, training));
    NDArray scores = classifier.logits(pooled, training); // [B*C, 1]
    return scores.reshape(-1, choices); // [B, C]
  }

  @Override
  public NDArray loss(BertModel model, TuningMethod method, EncoderInputs in, NDArray labels,
      boolean training) {
    return CrossEntropy.mean(logits(model, method, in, training),
        labels.toType(ai.djl.ndarray.types.DataType.INT64, false));
  }
}
