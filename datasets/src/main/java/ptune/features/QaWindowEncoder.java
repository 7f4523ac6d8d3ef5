package ptune.features;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import ptune.dataset.SpanExtractionExample;
import ptune.dataset.SpanExtractionExample.Answer;

/**
 * Splits a QA example into overlapping windows, as the official SQuAD preprocessing does: the
 * question stays whole (only-second truncation), the context is cut into windows of at most
 * {@code maxLength} tokens in total, each starting {@code stride} tokens before the previous one
 * ended. Defaults are the official 384 and 128.
 */
public final class QaWindowEncoder {

  public static final int DEFAULT_MAX_LENGTH = 384;
  public static final int DEFAULT_STRIDE = 128;

  private final SubwordTokenizer tokenizer;
  private final SegmentFramer framer;
  private final int maxLength;
  private final int stride;

  public QaWindowEncoder(SubwordTokenizer tokenizer, int maxLength, int stride) {
    this.tokenizer = tokenizer;
    this.framer = new SegmentFramer(tokenizer);
    this.maxLength = maxLength;
    this.stride = stride;
  }

  public QaWindowEncoder(SubwordTokenizer tokenizer) {
    this(tokenizer, DEFAULT_MAX_LENGTH, DEFAULT_STRIDE);
  }

  public List<QaWindow> encode(SpanExtractionExample example) {
    // Leading spaces in questions break RoBERTa tokenization and waste window room; the official
    // preprocessing strips them too.
    int[] question = tokenizer.tokenize(example.question().stripLeading()).ids();
    SubwordTokenizer.TokenizedText context = tokenizer.tokenize(example.context());
    int budget = maxLength - question.length - framer.count(true);
    if (budget <= stride) {
      throw new IllegalArgumentException(
          "question of " + question.length + " tokens leaves " + budget + " context tokens per window,"
              + " not more than the stride " + stride + " (example " + example.id() + ")");
    }
    List<QaWindow> windows = new ArrayList<>();
    for (int start = 0; ; start += budget - stride) {
      int end = Math.min(start + budget, context.size());
      windows.add(window(example, question, context, start, end));
      if (end >= context.size()) {
        return windows;
      }
    }
  }

  private QaWindow window(
      SpanExtractionExample example, int[] question, SubwordTokenizer.TokenizedText context, int from, int to) {
    EncodedInput input = framer.frame(question, Arrays.copyOfRange(context.ids(), from, to));
    int offset = framer.secondSegmentOffset(question.length);
    int[] starts = new int[input.length()];
    int[] ends = new int[input.length()];
    Arrays.fill(starts, -1);
    Arrays.fill(ends, -1);
    for (int t = from; t < to; t++) {
      starts[offset + t - from] = context.starts()[t];
      ends[offset + t - from] = context.ends()[t];
    }
    int startPosition = 0;
    int endPosition = 0;
    // Training uses the first gold answer, like the official code.
    if (!example.impossible() && !example.answers().isEmpty()) {
      Answer answer = example.answers().get(0);
      int first = offset;
      int last = offset + (to - from) - 1;
      if (to > from && starts[first] <= answer.charStart() && ends[last] >= answer.charEnd()) {
        startPosition = first;
        while (startPosition <= last && ends[startPosition] <= answer.charStart()) {
          startPosition++;
        }
        endPosition = last;
        while (endPosition >= first && starts[endPosition] >= answer.charEnd()) {
          endPosition--;
        }
      }
    }
    return new QaWindow(example.id(), input, starts, ends, startPosition, endPosition);
  }
}
