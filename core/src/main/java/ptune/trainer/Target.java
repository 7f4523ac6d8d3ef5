package ptune.trainer;

/**
 * What one encoded example is trained to predict. Every example of a batch has the same kind of
 * target; {@link Batch#collate} turns them into one label array whose shape the head expects.
 */
public sealed interface Target {

  /** A class index, regression value or right choice for the whole example: batch labels [B]. */
  record Value(float value) implements Target {}

  /**
   * A label per token of the example's single row, {@value #IGNORED} where no loss applies (special
   * tokens, later sub-tokens of a word): batch labels [B, T] int64, padding gets {@value #IGNORED}.
   */
  record PerToken(int[] labels) implements Target {}

  /**
   * Start and end position of the answer in the example's single row; (0, 0), the [CLS] position,
   * when the row does not contain the answer: batch labels [B, 2] int64.
   */
  record Span(int start, int end) implements Target {}

  /** PyTorch's CrossEntropyLoss ignore_index, which the heads' loss skips. */
  int IGNORED = -100;
}
