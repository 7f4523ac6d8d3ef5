package ptune.trial;

import java.io.PrintWriter;
import java.io.Serializable;
import java.io.StringWriter;
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
 * @param resumedEpochs epochs taken over from the trial's saved training state rather than trained
 *     by this run (0 for a trial run from epoch 1)
 *
 * <p>Built by name: {@link #failed} for a trial whose code threw, {@link #builder} otherwise.
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
    String checkpointPath,
    int resumedEpochs)
    implements Serializable {

  public String trialId() {
    return spec.trialId();
  }

  /**
   * The result of a trial whose code threw: no metric, no epochs, the whole stack trace as its
   * error (its first line names the exception and its message).
   */
  public static TrialResult failed(TrialSpec spec, String device, double seconds, Throwable error) {
    StringWriter trace = new StringWriter();
    error.printStackTrace(new PrintWriter(trace));
    return builder(spec, TrialStatus.FAILED).metricName("").seconds(seconds).device(device)
        .error(trace.toString()).build();
  }

  /**
   * A result with nothing measured yet: no epochs, no best epoch (dev score NaN), empty metrics,
   * majority baseline NaN, zero counts, null device, features, error and checkpoint.
   */
  public static Builder builder(TrialSpec spec, TrialStatus status) {
    return new Builder(spec, status);
  }

  /** Names each field of a {@link TrialResult}; the ones not set keep {@link #builder}'s defaults. */
  public static final class Builder {
    private final TrialSpec spec;
    private final TrialStatus status;
    private String metricName;
    private List<EpochMetrics> epochs = List.of();
    private int bestEpoch;
    private double bestDevScore = Double.NaN;
    private Map<String, Double> bestDevMetrics = Map.of();
    private Map<String, Double> heldOutMetrics = Map.of();
    private Map<String, Double> testMetrics = Map.of();
    private double majorityBaseline = Double.NaN;
    private int devSize;
    private long trainableParameters;
    private long totalParameters;
    private double seconds;
    private double examplesPerSecond;
    private String device;
    private String features;
    private String error;
    private String checkpointPath;
    private int resumedEpochs;

    private Builder(TrialSpec spec, TrialStatus status) {
      this.spec = spec;
      this.status = status;
    }

    public Builder metricName(String metricName) {
      this.metricName = metricName;
      return this;
    }

    public Builder epochs(List<EpochMetrics> epochs) {
      this.epochs = epochs;
      return this;
    }

    /** The best epoch (1-based, 0 for none), its dev score and all its dev metrics. */
    public Builder best(int epoch, double devScore, Map<String, Double> devMetrics) {
      this.bestEpoch = epoch;
      this.bestDevScore = devScore;
      this.bestDevMetrics = devMetrics;
      return this;
    }

    public Builder heldOutMetrics(Map<String, Double> heldOutMetrics) {
      this.heldOutMetrics = heldOutMetrics;
      return this;
    }

    public Builder testMetrics(Map<String, Double> testMetrics) {
      this.testMetrics = testMetrics;
      return this;
    }

    public Builder majorityBaseline(double majorityBaseline) {
      this.majorityBaseline = majorityBaseline;
      return this;
    }

    public Builder devSize(int devSize) {
      this.devSize = devSize;
      return this;
    }

    public Builder parameters(long trainable, long total) {
      this.trainableParameters = trainable;
      this.totalParameters = total;
      return this;
    }

    public Builder seconds(double seconds) {
      this.seconds = seconds;
      return this;
    }

    public Builder examplesPerSecond(double examplesPerSecond) {
      this.examplesPerSecond = examplesPerSecond;
      return this;
    }

    public Builder device(String device) {
      this.device = device;
      return this;
    }

    public Builder features(String features) {
      this.features = features;
      return this;
    }

    public Builder error(String error) {
      this.error = error;
      return this;
    }

    public Builder checkpointPath(String checkpointPath) {
      this.checkpointPath = checkpointPath;
      return this;
    }

    public Builder resumedEpochs(int resumedEpochs) {
      this.resumedEpochs = resumedEpochs;
      return this;
    }

    public TrialResult build() {
      return new TrialResult(spec, status, metricName, epochs, bestEpoch, bestDevScore, bestDevMetrics,
          heldOutMetrics, testMetrics, majorityBaseline, devSize, trainableParameters, totalParameters, seconds,
          examplesPerSecond, device, features, error, checkpointPath, resumedEpochs);
    }
  }
}
