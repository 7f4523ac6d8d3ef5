package ptune.trial;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import ptune.trainer.EpochReport;

/**
 * Scores the labelled test split whenever an epoch improves on the best dev score so far, as the
 * official code's {@code predict} on test does, so that the best dev epoch's test metrics exist
 * without keeping every epoch's parameters. Called after each epoch's dev scoring, before the
 * trainer moves on; "improves" is the trainer's own rule (strictly higher, NaN never).
 */
final class TestAtBestDev {
  /** The training state's attachment holding the test metrics scored so far, by epoch. */
  static final String ATTACHMENT = "test_by_epoch";
  private static final ObjectMapper JSON = new ObjectMapper();
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

  /** The test metrics scored so far, by epoch, as JSON for a training state's attachments. */
  String saved() throws JsonProcessingException {
    return JSON.writeValueAsString(byEpoch);
  }

  /**
   * Takes back what {@link #saved} wrote and the best dev score of the resumed epochs
   * {@code history}, so that the next epochs are scored on test exactly when an uninterrupted run
   * scores them.
   */
  void restore(Map<String, String> attachments, List<EpochReport> history)
      throws JsonProcessingException {
    String json = attachments.get(ATTACHMENT);
    if (json != null) {
      byEpoch.clear();
      byEpoch.putAll(JSON.readValue(json, new TypeReference<Map<Integer, Map<String, Double>>>() {}));
    }
    for (EpochReport report : history) {
      if (report.devScore() > bestDev) {
        bestDev = report.devScore();
      }
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
