package ptune.trial;

import java.util.HashMap;
import java.util.Map;
import ptune.trainer.EpochReport;

/**
 * Scores the labelled test split whenever an epoch improves on the best dev score so far, as the
 * official code's {@code predict} on test does, so that the best dev epoch's test metrics exist
 * without keeping every epoch's parameters. Called after each epoch's dev scoring, before the
 * trainer moves on; "improves" is the trainer's own rule (strictly higher, NaN never).
 */
final class TestAtBestDev {
  private final SplitScorer test;
  private final Map<Integer, Map<String, Double>> byEpoch = new HashMap<>();
  private double bestDev = Double.NEGATIVE_INFINITY;

  /** @param test null when the trial scores no test split */
  TestAtBestDev(SplitScorer test) {
    this.test = test;
  }

  void epochFinished(EpochReport report) {
    if (test != null && report.devScore() > bestDev) {
      bestDev = report.devScore();
      byEpoch.put(report.epoch(), test.evaluate().metrics());
    }
  }

  /**
   * Test metrics scored after {@code epoch}; empty when test was not scored then (no labelled test
   * split, or the epoch did not improve dev).
   */
  Map<String, Double> atEpoch(int epoch) {
    return byEpoch.getOrDefault(epoch, Map.of());
  }

  /**
   * The test metrics of the trainer's best epoch, which must be one this class scored: a mismatch
   * would report test at an epoch dev did not select.
   */
  Map<String, Double> atBestEpoch(int bestEpoch) {
    if (test == null || bestEpoch == 0) {
      return Map.of();
    }
    Map<String, Double> metrics = byEpoch.get(bestEpoch);
    if (metrics == null) {
      throw new IllegalStateException("best dev epoch " + bestEpoch + " was not scored on test (scored: "
          + byEpoch.keySet() + ")");
    }
    return metrics;
  }
}
