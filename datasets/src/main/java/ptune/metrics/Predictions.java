package ptune.metrics;

import java.util.List;
import java.util.Map;

/** Model outputs for one split, in the shape each task kind produces, aligned with the examples. */
public sealed interface Predictions {

  /** Predicted class index per example (or chosen option for multiple choice). */
  record Classes(int[] labels) implements Predictions {}

  /**
   * A real value per example: the STS-B score, or for ReCoRD the score of "this candidate is the
   * answer" (the official code takes the candidate with the highest class-1 probability).
   */
  record Scores(double[] values) implements Predictions {}

  /** Predicted BIO tags per example, one per word. */
  record Tags(List<List<String>> tags) implements Predictions {}

  /** Predicted answer text per question id; empty text means "no answer". */
  record Answers(Map<String, String> textById) implements Predictions {}
}
