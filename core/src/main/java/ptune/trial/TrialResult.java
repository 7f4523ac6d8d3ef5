package ptune.trial;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * The outcome of one trial, written as one result row as soon as the trial finishes.
 *
 * @param metricName the task's selection metric (e.g. "accuracy", "f1"); devScore values use it
 * @param bestEpoch 1-based epoch with the highest dev score, 0 if no epoch finished
 * @param bestDevMetrics all official dev metrics at the best epoch
 * @param heldOutMetrics metrics on a held-out part of train at the epoch selected on that part
 *     (empty when the trial has no held-out split)
 * @param testMetrics metrics on the test split at the best dev epoch (empty when test labels are hidden)
 * @param features where the encoded examples came from: "stored LOCATION" (preprocessed shards)
 *     or "tokenized in the trial: REASON"
 * @param checkpointPath where the best epoch's prompt checkpoint was saved, or null
 */
public record TrialResult(
    TrialSpec spec,
    TrialStatus status,
    String metricName,
    List<EpochMetrics> epochs,
    int bestEpoch,
    double bestDevScore,
    Map<String, Double> bestDevMetrics,
    Map<String, Double> heldOutMetrics,
    Map<String, Double> testMetrics,
    double majorityBaseline,
    int devSize,
    long trainableParameters,
    long totalParameters,
    double seconds,
    double examplesPerSecond,
    String device,
    String features,
    String error,
    String checkpointPath)
    implements Serializable {

  public String trialId() {
    return spec.trialId();
  }
}
