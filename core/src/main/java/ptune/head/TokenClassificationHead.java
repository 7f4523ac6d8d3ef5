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
 * NER and SRL as the official code does them: every token's hidden state -> dropout ->
 * Linear(H, L). Labels are [B, T] with -100 on every position but the first sub-token of a word, so
 * the loss (and, later, the word-level tags) only look at first sub-tokens.
 */
public final class TokenClassificationHead implements TaskHead {
  private final LinearClassifier classifier;
  private final int numLabels;

  public TokenClassificationHead(
      int hidden, int numLabels, float dropout, NDManager manager, Random random) {
    this.numLabels = numLabels;
    this.classifier = new LinearClassifier(hidden, numLabels, dropout, manager, random);
  }

  @Override
  public TrainableParameters parameters() {
    return classifier.parameters();
  }

  @Override
  public NDArray logits(BertModel model, TuningMethod method, EncoderInputs in, boolean training) {
    NDArray hidden = method.encode(model, in, training); // [B, T, H]
    return classifier.logits(hidden, training); // [B, T, L]
  }

  @Override
  public NDArray loss(BertModel model, TuningMethod method, EncoderInputs in, NDArray labels,
      boolean training) {
    NDArray logits = logits(model, method, in, training).reshape(-1, numLabels);
    return CrossEntropy.mean(logits, labels.toType(DataType.INT64, false).reshape(-1));
  }
}
