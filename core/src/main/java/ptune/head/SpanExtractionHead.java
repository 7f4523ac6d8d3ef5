package ptune.head;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.core.Linear;
import java.util.Random;
import ptune.method.TuningMethod;
import ptune.model.BertModel;
import ptune.model.Scale;
import ptune.model.EncoderInputs;
import ptune.model.TrainableParameters;

/**
 * Extractive QA (SQuAD) as BertForQuestionAnswering: every token's hidden state -> Linear(H, 2)
 * gives an answer-start and an answer-end logit; the loss is the mean of the start and the end
 * cross-entropy over positions. Labels are [B, 2] (start, end), both 0 ([CLS]) when the window does
 * not hold the answer.
 */
public final class SpanExtractionHead implements TaskHead {
  /**
   * Added to padding logits. The official code pads every window to 384 and lets padding take part
   * in the softmax; with dynamic padding a window's loss would then depend on its batch, so padding
   * is masked out instead (the same as no padding).
   */
  private static final float PADDING_LOGIT = -1e4f;

  private final TrainableParameters parameters = new TrainableParameters();
  private final NDArray weight; // [2, H]
  private final NDArray bias; // [2]

  public SpanExtractionHead(int hidden, NDManager manager, Random random) {
    this.weight = parameters.normal("qa_outputs.weight", manager, random, 0.02f, 2, hidden);
    this.bias = parameters.zeros("qa_outputs.bias", manager, 2);
  }

  @Override
  public TrainableParameters parameters() {
    return parameters;
  }

  /** [B, 2, T]: row 0 start logits, row 1 end logits. */
  @Override
  public NDArray logits(BertModel model, TuningMethod method, EncoderInputs in, boolean training) {
    NDArray hidden = method.encode(model, in, training); // [B, T, H]
    NDArray logits = Linear.linear(hidden, weight, bias).singletonOrThrow().transpose(0, 2, 1);
    NDArray padding = in.attentionMask().eq(0).toType(DataType.FLOAT32, false).expandDims(1);
    return logits.add(padding.mul(PADDING_LOGIT));
  }

  @Override
  public NDArray loss(BertModel model, TuningMethod method, EncoderInputs in, NDArray labels,
      boolean training) {
    NDArray logits = logits(model, method, in, training);
    NDArray positions = labels.toType(DataType.INT64, false); // [B, 2]
    NDArray start = CrossEntropy.mean(logits.get(":, 0, :"), positions.get(":, 0"));
    NDArray end = CrossEntropy.mean(logits.get(":, 1, :"), positions.get(":, 1"));
    return Scale.by(start.add(end), 0.5f);
  }
}
