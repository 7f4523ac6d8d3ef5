package ptune.trial;

import java.nio.file.Path;
import ptune.dataset.DataFiles;
import java.time.Duration;
import ptune.featurestore.FeatureSource;

/**
 * Where a trial runs and what it may touch.
 *
 * @param device "cpu" or "gpu:N" (the address Spark assigned the task)
 * @param dataDir root of the raw datasets (the layout of {@code ../shared/datasets})
 * @param checkpointDir local directory for this trial's best prompt checkpoint
 * @param listener receives per-epoch progress; never null
 * @param features where preprocessed feature shards are; {@link FeatureSource#NONE} to tokenize
 * @param state where the trial's training state is kept between runs; the trial resumes from it
 *     and saves to it every {@code stateEvery} epochs and when it stops ({@link TrialStateStore#NONE}:
 *     nothing kept)
 * @param stateEvery epochs between saved states (0: none saved)
 * @param timeout this run of the trial stops at the first epoch end after this long and is
 *     {@link TrialStatus#TIMED_OUT}; null: no limit
 * @param untilEpoch this run trains up to this epoch (counted from the trial's first, resumed
 *     epochs included) and, if that is before its last, ends {@link TrialStatus#STOPPED}; the
 *     learning-rate schedule still spans all epochs, so a continued run trains as an uninterrupted
 *     one would. 0: all epochs
 * @param cores the CPU cores the trial has (Spark's spark.task.cpus): a CPU trial runs that many
 *     intra-op threads unless the user chose a count ({@link ptune.model.IntraOpThreads}); 0: leave
 *     the engine's threads as they are
 * @param files where a declared task's files are read from: under {@code dataDir}, or staged from
 *     a Hadoop filesystem (a sweep's executors)
 */
public record TrialEnvironment(
    String device, Path dataDir, Path checkpointDir, TrialListener listener,
    FeatureSource features, TrialStateStore state, int stateEvery, Duration timeout, int untilEpoch,
    int cores, DataFiles files) {

  public TrialEnvironment {
    if (stateEvery < 0) {
      throw new IllegalArgumentException("stateEvery must be >= 0, got " + stateEvery);
    }
    if (untilEpoch < 0) {
      throw new IllegalArgumentException("untilEpoch must be >= 0, got " + untilEpoch);
    }
    if (cores < 0) {
      throw new IllegalArgumentException("cores must be >= 0, got " + cores);
    }
  }

  /** An environment that keeps no training state and has no time limit. */
  public TrialEnvironment(String device, Path dataDir, Path checkpointDir, TrialListener listener,
      FeatureSource features) {
    this(device, dataDir, checkpointDir, listener, features, TrialStateStore.NONE, 0, null, 0, 0,
        DataFiles.under(dataDir));
  }

  /** An environment without stored features: the trial tokenizes its examples. */
  public TrialEnvironment(String device, Path dataDir, Path checkpointDir, TrialListener listener) {
    this(device, dataDir, checkpointDir, listener, FeatureSource.NONE);
  }

  /** This environment keeping the trial's state in {@code store} every {@code every} epochs. */
  public TrialEnvironment withState(TrialStateStore store, int every) {
    return new TrialEnvironment(device, dataDir, checkpointDir, listener, features, store, every,
        timeout, untilEpoch, cores, files);
  }

  /** This environment with a time limit per run of the trial (null: none). */
  public TrialEnvironment withTimeout(Duration limit) {
    return new TrialEnvironment(device, dataDir, checkpointDir, listener, features, state,
        stateEvery, limit, untilEpoch, cores, files);
  }

  /** This environment ending the run after {@code epoch} (0: all epochs). */
  public TrialEnvironment withEpochLimit(int epoch) {
    return new TrialEnvironment(device, dataDir, checkpointDir, listener, features, state,
        stateEvery, timeout, epoch, cores, files);
  }

  /** This environment reading declared tasks' files through {@code where}. */
  public TrialEnvironment withFiles(DataFiles where) {
    return new TrialEnvironment(device, dataDir, checkpointDir, listener, features, state,
        stateEvery, timeout, untilEpoch, cores, where);
  }

  /** This environment for a trial given {@code n} CPU cores (0: the engine's threads unchanged). */
  public TrialEnvironment withCores(int n) {
    return new TrialEnvironment(device, dataDir, checkpointDir, listener, features, state,
        stateEvery, timeout, untilEpoch, n, files);
  }
}
