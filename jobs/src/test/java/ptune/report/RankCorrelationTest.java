package ptune.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Spearman's rho against scipy.stats.spearmanr (SciPy 1.17.1), values printed to 16 digits. */
class RankCorrelationTest {

  @Test
  void tiesShareTheirMeanRank() {
    assertArrayEquals(new double[] {1, 2, 3, 4.5, 4.5}, RankCorrelation.ranks(new double[] {5, 6, 7, 8, 8}));
    assertArrayEquals(new double[] {3, 1, 2}, RankCorrelation.ranks(new double[] {0.9, 0.1, 0.5}));
  }

  @Test
  void asScipyComputesIt() {
    // spearmanr([1,2,3,4,5],[5,6,7,8,7]).correlation = 0.8207826816681233 (a tie in y)
    assertEquals(0.8207826816681233, RankCorrelation.spearman(new double[] {1, 2, 3, 4, 5},
        new double[] {5, 6, 7, 8, 7}), 1e-12);
    // an early ranking that reverses: -0.7714285714285715
    assertEquals(-0.7714285714285715, RankCorrelation.spearman(new double[] {0.393, 0.44, 0.46, 0.5, 0.49, 0.47},
        new double[] {0.667, 0.662, 0.623, 0.618, 0.61, 0.605}), 1e-12);
  }

  @Test
  void undefinedCasesAreErrors() {
    assertThrows(IllegalArgumentException.class, () -> RankCorrelation.spearman(new double[] {1}, new double[] {2}));
    assertThrows(IllegalArgumentException.class,
        () -> RankCorrelation.spearman(new double[] {1, 1, 1}, new double[] {1, 2, 3}));
  }
}
