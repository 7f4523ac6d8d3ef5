package ptune.trial;

import java.io.Serializable;
import java.util.Map;

/**
 * One epoch of a trial: mean training loss and the task's official dev metrics after the epoch.
 *
 * @param testMetrics the official metrics on the labelled test split, scored at every epoch that
 *     improved dev (as the official code does); empty at other epochs and for tasks whose test labels
 *     are hidden
 */
public record EpochMetrics(
    int epoch, double trainLoss, double devScore, Map<String, Double> devMetrics, double seconds,
    Map<String, Double> testMetrics)
    implements Serializable {

  public EpochMetrics {
    testMetrics = testMetrics == null ? Map.of() : testMetrics;
  }

  /** An epoch without test scores. */
  public EpochMetrics(
      int epoch, double trainLoss, double devScore, Map<String, Double> devMetrics, double seconds) {
    this(epoch, trainLoss, devScore, devMetrics, seconds, Map.of());
  }
}
