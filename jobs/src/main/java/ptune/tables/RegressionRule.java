package ptune.tables;

import java.util.Locale;

/**
 * When a cell counts as regressed between two runs: its mean dropped by more than a threshold
 * <em>and</em> Welch's one-sided t-test over the two runs' seeds gives p &lt; alpha. The threshold
 * says how large a drop matters; the test says whether the seed spread explains it. A cell with a
 * single value in either run cannot be tested and is reported as such, never flagged.
 *
 * <p>False alarms: on a rerun that changes nothing but the seeds, each testable cell is flagged
 * with probability at most alpha. Welch's test is slightly conservative with few seeds: for normal
 * scores at alpha = 0.05 it flags 2.9% of identical reruns with 2 seeds per run, 3.9% with 3 and
 * 4.6% with 5 (simulated; {@code RegressionRuleTest} checks the 3-seed rate), and the threshold only
 * lowers the rate. With m testable cells,
 * at most m·alpha cells are flagged on average and the chance of at least one false alarm is at
 * most 1 - (1 - alpha)^m; {@link #familyWiseFalseAlarm(int)} reports it, and a scheduler that
 * wants a bound for the whole run sets alpha to its bound divided by m (Bonferroni).
 *
 * @param scorePoints a score drop must exceed this many points (the sweep's regression_threshold)
 * @param throughputPercent a throughput drop must exceed this share of the earlier mean, in percent
 * @param alpha one-sided significance level of the Welch test (the sweep's regression_alpha)
 */
public record RegressionRule(double scorePoints, double throughputPercent, double alpha) {

  public RegressionRule {
    if (!(alpha > 0 && alpha < 1)) {
      throw new IllegalArgumentException("regression_alpha must be in (0, 1), got " + alpha);
    }
    if (scorePoints < 0 || throughputPercent < 0) {
      throw new IllegalArgumentException("regression thresholds must be >= 0");
    }
  }

  /** What a comparison of one cell concluded. */
  public enum Verdict {
    REGRESSED, IMPROVED, UNCHANGED, NOT_TESTABLE;

    public String label() {
      return switch (this) {
        case REGRESSED -> "regressed";
        case IMPROVED -> "improved";
        case UNCHANGED -> "no significant change";
        case NOT_TESTABLE -> "not testable (one seed)";
      };
    }
  }

  /** A score cell, in points. */
  public Decision score(SeedStats before, SeedStats after) {
    return decide(before, after, scorePoints);
  }

  /** A throughput cell, in examples per second; the threshold is relative to the earlier mean. */
  public Decision throughput(SeedStats before, SeedStats after) {
    return decide(before, after, Math.abs(before.mean()) * throughputPercent / 100);
  }

  /** The verdict, and the p-values of the drop and of the rise (null when not testable). */
  public record Decision(Verdict verdict, Double pDrop, Double pRise) {}

  private Decision decide(SeedStats before, SeedStats after, double threshold) {
    if (!WelchTest.testable(before, after)) {
      return new Decision(Verdict.NOT_TESTABLE, null, null);
    }
    double pDrop = WelchTest.drop(before, after).p();
    double pRise = WelchTest.drop(after, before).p();
    double delta = after.mean() - before.mean();
    if (-delta > threshold && pDrop < alpha) {
      return new Decision(Verdict.REGRESSED, pDrop, pRise);
    }
    if (delta > threshold && pRise < alpha) {
      return new Decision(Verdict.IMPROVED, pDrop, pRise);
    }
    return new Decision(Verdict.UNCHANGED, pDrop, pRise);
  }

  /** The chance of at least one false alarm among {@code testableCells} independent cells. */
  public double familyWiseFalseAlarm(int testableCells) {
    return 1 - Math.pow(1 - alpha, testableCells);
  }

  /** The rule a sweep config sets (regression_threshold, throughput_regression_percent, regression_alpha). */
  public static RegressionRule of(ptune.sweep.SweepConfig config) {
    return new RegressionRule(config.regressionThreshold(), config.throughputRegressionPercent(), config.regressionAlpha());
  }

  public String describe() {
    return String.format(Locale.ROOT, "a cell regresses when its mean drops by more than %.2f points "
        + "(throughput: %.0f%%) and Welch's one-sided t-test over the seeds of both runs gives p < %.2f; "
        + "cells with one seed in either run are not testable", scorePoints, throughputPercent, alpha);
  }
}
