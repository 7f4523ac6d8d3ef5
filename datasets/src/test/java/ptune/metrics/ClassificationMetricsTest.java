package ptune.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ClassificationMetricsTest {

  private static final double EXACT = 1e-12;

  @Test
  void accuracy() {
    // Positions 0 and 2 agree: 2 of 4.
    assertEquals(0.5, ClassificationMetrics.accuracy(new int[] {1, 0, 1, 1}, new int[] {1, 1, 1, 0}), EXACT);
  }

  @Test
  void binaryF1() {
    // TP at 0 and 4; 3 predicted and 3 gold positives: P = R = 2/3.
    assertEquals(2.0 / 3, ClassificationMetrics.f1(new int[] {1, 1, 0, 0, 1}, new int[] {1, 0, 0, 1, 1}, 1), EXACT);
  }

  @Test
  void binaryF1WithoutAnyPositiveIsZero() {
    assertEquals(0.0, ClassificationMetrics.f1(new int[] {0, 0}, new int[] {0, 0}, 1), EXACT);
  }

  @Test
  void macroF1AveragesPerClassF1() {
    // Class 0: P 1/2, R 1/2 -> 1/2. Class 1: P 2/2, R 2/3 -> 4/5. Class 2: P 1/2, R 1/1 -> 2/3.
    // Mean (1/2 + 4/5 + 2/3) / 3 = 59/90.
    int[] predicted = {0, 0, 1, 2, 2, 1};
    int[] gold = {0, 1, 1, 2, 0, 1};
    assertEquals(59.0 / 90, ClassificationMetrics.macroF1(predicted, gold), EXACT);
  }

  @Test
  void matthews() {
    // TP 1, FP 1, TN 2, FN 0: (1*2 - 1*0) / sqrt(2 * 1 * 3 * 2) = 2 / sqrt(12).
    assertEquals(2 / Math.sqrt(12), ClassificationMetrics.matthews(new int[] {1, 1, 0, 0}, new int[] {1, 0, 0, 0}), EXACT);
    assertEquals(-1.0, ClassificationMetrics.matthews(new int[] {0, 1}, new int[] {1, 0}), EXACT);
  }

  @Test
  void matthewsIsZeroWhenAllPredictionsAreOneClass() {
    assertEquals(0.0, ClassificationMetrics.matthews(new int[] {1, 1, 1}, new int[] {1, 0, 1}), EXACT);
  }
}
