package ptune.tables;

import org.apache.commons.math3.distribution.TDistribution;

/**
 * Welch's unequal-variance t-test, one-sided, from two samples' summaries: is the second sample's
 * mean lower than the first's by more than chance would make it? The statistic is
 * t = (mean1 - mean2) / sqrt(s1²/n1 + s2²/n2) with Welch-Satterthwaite degrees of freedom; the
 * p-value is P(T_df ≥ t). Needs two values per sample (a single seed has no spread to test against).
 */
public final class WelchTest {

  private WelchTest() {}

  /** The test's outcome; {@code df} is infinite and {@code p} 0 or 1 when neither sample varies. */
  public record Result(double t, double df, double p) {}

  public static boolean testable(SeedStats before, SeedStats after) {
    return before.n() >= 2 && after.n() >= 2;
  }

  /** One-sided p-value of "after is lower than before". */
  public static Result drop(SeedStats before, SeedStats after) {
    if (!testable(before, after)) {
      throw new IllegalArgumentException("Welch's test needs two values per sample, got n = "
          + before.n() + " and " + after.n());
    }
    double v1 = before.std() * before.std() / before.n();
    double v2 = after.std() * after.std() / after.n();
    double diff = before.mean() - after.mean();
    double se = Math.sqrt(v1 + v2);
    if (se == 0) {
      // No spread in either run (a deterministic measurement): any drop is certain, no change is none.
      return new Result(diff > 0 ? Double.POSITIVE_INFINITY : diff < 0 ? Double.NEGATIVE_INFINITY : 0,
          Double.POSITIVE_INFINITY, diff > 0 ? 0 : 1);
    }
    double t = diff / se;
    double df = (v1 + v2) * (v1 + v2)
        / (v1 * v1 / (before.n() - 1) + v2 * v2 / (after.n() - 1));
    double p = 1 - new TDistribution(null, df).cumulativeProbability(t);
    return new Result(t, df, p);
  }
}
