package ptune.features;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import ptune.dataset.SpanExtractionExample;

/**
 * Turns per-window start/end logits into one answer per example, like the official SQuAD
 * post-processing: over all windows, take the {@code nBest} best start and end positions, keep
 * spans inside the context with end >= start and at most {@code maxAnswerLength} tokens, and pick the
 * highest start + end logit. With {@code allowNoAnswer} (SQuAD 2.0) the no-answer score is the
 * lowest [CLS] start + end logit over the windows, and "no answer" is returned when it beats the best
 * span by more than {@code nullThreshold}.
 */
public final class SpanDecoder {

  public static final int DEFAULT_N_BEST = 20;
  public static final int DEFAULT_MAX_ANSWER_LENGTH = 30;

  private final int nBest;
  private final int maxAnswerLength;
  private final boolean allowNoAnswer;
  private final double nullThreshold;

  public SpanDecoder(int nBest, int maxAnswerLength, boolean allowNoAnswer, double nullThreshold) {
    this.nBest = nBest;
    this.maxAnswerLength = maxAnswerLength;
    this.allowNoAnswer = allowNoAnswer;
    this.nullThreshold = nullThreshold;
  }

  /** Official defaults: n-best 20, max answer length 30, null threshold 0. */
  public static SpanDecoder squad(boolean allowNoAnswer) {
    return new SpanDecoder(DEFAULT_N_BEST, DEFAULT_MAX_ANSWER_LENGTH, allowNoAnswer, 0.0);
  }

  /** Logits of one window, in input positions. */
  public record WindowLogits(QaWindow window, float[] startLogits, float[] endLogits) {}

  /**
   * @param windows all windows of {@code example}, with the model's logits
   */
  public SpanPrediction decode(SpanExtractionExample example, List<WindowLogits> windows) {
    double nullScore = Double.POSITIVE_INFINITY;
    double bestScore = Double.NEGATIVE_INFINITY;
    String bestText = null;
    int bestStart = -1;
    for (WindowLogits logits : windows) {
      nullScore = Math.min(nullScore, logits.startLogits()[0] + logits.endLogits()[0]);
      QaWindow window = logits.window();
      for (int start : topIndices(logits.startLogits())) {
        for (int end : topIndices(logits.endLogits())) {
          if (!window.isContext(start) || !window.isContext(end)
              || end < start || end - start + 1 > maxAnswerLength) {
            continue;
          }
          double score = logits.startLogits()[start] + logits.endLogits()[end];
          if (score > bestScore) {
            bestScore = score;
            bestStart = window.contextStarts()[start];
            bestText = example.context().substring(bestStart, window.contextEnds()[end]);
          }
        }
      }
    }
    if (bestText == null) {
      // No valid span in any window. The official 1.1 code answers the literal "empty" here; an
      // empty answer scores the same (0) against any 1.1 gold answer and is clearer.
      return new SpanPrediction(example.id(), "", -1, allowNoAnswer ? nullScore : 0.0);
    }
    if (allowNoAnswer && nullScore - bestScore > nullThreshold) {
      return new SpanPrediction(example.id(), "", -1, nullScore);
    }
    return new SpanPrediction(example.id(), bestText, bestStart, bestScore);
  }

  private List<Integer> topIndices(float[] logits) {
    List<Integer> indices = new ArrayList<>(IntStream.range(0, logits.length).boxed().toList());
    indices.sort(Comparator.comparingDouble((Integer i) -> logits[i]).reversed());
    return indices.subList(0, Math.min(nBest, indices.size()));
  }
}
