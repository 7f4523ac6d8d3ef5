package ptune.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CorrelationTest {

  private static final double EXACT = 1e-12;

  @Test
  void pearson() {
    assertEquals(1.0, Correlation.pearson(new double[] {1, 2, 3, 4}, new double[] {2, 4, 6, 8}), EXACT);
    assertEquals(-1.0, Correlation.pearson(new double[] {1, 2, 3, 4}, new double[] {4, 3, 2, 1}), EXACT);
    // Deviations (-1, 0, 1) and (-1, 1, 0): covariance 1, variances 2 and 2 -> 1/2.
    assertEquals(0.5, Correlation.pearson(new double[] {1, 2, 3}, new double[] {1, 3, 2}), EXACT);
  }

  @Test
  void pearsonOfAConstantSeriesIsUndefined() {
    assertTrue(Double.isNaN(Correlation.pearson(new double[] {1, 1, 1}, new double[] {1, 2, 3})));
  }

  @Test
  void spearmanGivesTiesTheirMeanRank() {
    // Ranks (1, 2.5, 2.5, 4) and (1, 2, 3, 4): covariance 4.5, variances 4.5 and 5 -> sqrt(0.9).
    assertEquals(Math.sqrt(0.9), Correlation.spearman(new double[] {1, 2, 2, 3}, new double[] {1, 2, 3, 4}), EXACT);
    // Monotone but not linear: Spearman is 1 where Pearson is not.
    assertEquals(1.0, Correlation.spearman(new double[] {1, 2, 3}, new double[] {1, 10, 1000}), EXACT);
  }

  @Test
  void spearmanAsScipyComputesIt() {
    // scipy.stats.spearmanr (SciPy 1.17.1), printed to 16 digits: a tie in y; a ranking that reverses
    assertEquals(0.8207826816681233, Correlation.spearman(new double[] {1, 2, 3, 4, 5},
        new double[] {5, 6, 7, 8, 7}), 1e-12);
    assertEquals(-0.7714285714285715, Correlation.spearman(new double[] {0.393, 0.44, 0.46, 0.5, 0.49, 0.47},
        new double[] {0.667, 0.662, 0.623, 0.618, 0.61, 0.605}), 1e-12);
  }
}
