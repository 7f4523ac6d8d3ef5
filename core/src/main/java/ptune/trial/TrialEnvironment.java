package ptune.trial;

import java.nio.file.Path;
import ptune.featurestore.FeatureSource;

/**
 * Where a trial runs and what it may touch.
 *
 * @param device "cpu" or "gpu:N" (the address Spark assigned the task)
 * @param dataDir root of the raw datasets (the layout of {@code ../shared/datasets})
 * @param checkpointDir local directory for this trial's best prompt checkpoint
 * @param listener receives per-epoch progress; never null
 * @param features where preprocessed feature shards are; {@link FeatureSource#NONE} to tokenize
 */
public record TrialEnvironment(
    String device, Path dataDir, Path checkpointDir, TrialListener listener,
    FeatureSource features) {

  /** An environment without stored features: the trial tokenizes its examples. */
  public TrialEnvironment(String device, Path dataDir, Path checkpointDir, TrialListener listener) {
    this(device, dataDir, checkpointDir, listener, FeatureSource.NONE);
  }
}
