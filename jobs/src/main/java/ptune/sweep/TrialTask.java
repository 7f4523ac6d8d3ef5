package ptune.sweep;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.hadoop.fs.FileUtil;
import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.resource.ResourceInformation;
import org.apache.spark.util.LongAccumulator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ptune.preprocess.HadoopDataFiles;
import ptune.featurestore.FeatureSource;
import ptune.results.HadoopTrialStateStore;
import ptune.results.TrialResultStore;
import ptune.results.TrialRow;
import ptune.trial.EpochMetrics;
import ptune.trial.TrialEnvironment;
import ptune.trial.TrialListener;
import ptune.trial.TrialResult;
import ptune.trial.TrialRunner;
import ptune.trial.TrialSpec;
import ptune.trial.TrialStateStore;
import ptune.trial.TrialStatus;

/**
 * Runs one trial inside a Spark task: on the GPU Spark assigned the task (or the CPU), with a local
 * checkpoint directory and the sweep's preprocessed features (when present), and writes the trial's result row and checkpoint as soon as it ends.
 * The trial continues from its saved training state in the sweep's {@code state/} and saves it
 * there as it trains; once its row records a result that a rerun keeps (COMPLETED, DIVERGED) the
 * state is deleted. A
 * runner that throws despite its contract yields a FAILED row, so Spark never retries a trial for
 * a problem in the trial itself; only infrastructure failures (a lost executor) fail the task.
 */
final class TrialTask implements Function<TrialSpec, String> {

  /** Per-epoch lines: in the job's log file (local mode) or the executor's log, not on the console. */
  private static final Logger LOG = LoggerFactory.getLogger(TrialTask.class);

  private final String runnerClass;
  private final String dataDir;
  private final FeatureSource features;
  private final TrialResultStore store;
  private final LongAccumulator finished;
  private final LongAccumulator failed;
  private final int stateEvery;
  private final Duration timeout;
  /** Trial id to the epoch its run ends after (the scheduler's rung); absent: all its epochs. */
  private final Map<String, Integer> epochLimits;

  /**
   * @param stateEvery epochs between the trial's saved training states in the store's state/
   *     (0: none saved, none resumed)
   * @param timeout how long one run of a trial may train (null: no limit)
   */
  TrialTask(String runnerClass, String dataDir, FeatureSource features, TrialResultStore store,
      LongAccumulator finished, LongAccumulator failed, int stateEvery, Duration timeout) {
    this(runnerClass, dataDir, features, store, finished, failed, stateEvery, timeout, Map.of());
  }

  private TrialTask(String runnerClass, String dataDir, FeatureSource features, TrialResultStore store,
      LongAccumulator finished, LongAccumulator failed, int stateEvery, Duration timeout,
      Map<String, Integer> epochLimits) {
    this.runnerClass = runnerClass;
    this.dataDir = dataDir;
    this.features = features;
    this.store = store;
    this.finished = finished;
    this.failed = failed;
    this.stateEvery = stateEvery;
    this.timeout = timeout;
    this.epochLimits = Map.copyOf(epochLimits);
  }

  /** This task ending each listed trial's run after its epoch (the successive-halving rung it trains to). */
  TrialTask withEpochLimits(Map<String, Integer> limits) {
    return new TrialTask(runnerClass, dataDir, features, store, finished, failed, stateEvery, timeout, limits);
  }

  @Override
  public String call(TrialSpec spec) throws Exception {
    String device = assignedDevice();
    Path checkpointDir = Files.createTempDirectory("ptune-checkpoint-" + spec.trialId() + "-");
    long start = System.nanoTime();
    TrialResult result;
    TrialStateStore state = stateEvery == 0 ? TrialStateStore.NONE
        : HadoopTrialStateStore.of(store.layout(), spec.trialId());
    try {
      TrialEnvironment env = new TrialEnvironment(device, Path.of(dataDir), checkpointDir, epochLog(), features)
          .withState(state, stateEvery).withTimeout(timeout)
          .withEpochLimit(epochLimits.getOrDefault(spec.trialId(), 0)).withCores(taskCpus())
          .withFiles(HadoopDataFiles.under(Path.of(dataDir)));
      result = newRunner(runnerClass).run(spec, env);
      if (result == null) {
        throw new IllegalStateException(runnerClass + " returned no result");
      }
    } catch (Exception | LinkageError | StackOverflowError e) {
      result = TrialResult.failed(spec, device, (System.nanoTime() - start) / 1e9, e);
    }
    if (result.error() != null && !result.error().isBlank()) {
      // The whole error for the log (the console prints its first line from the result row).
      LOG.info("trial {} ({} {} {}) {}: {}", spec.trialId(), spec.backbone(), spec.method(), spec.task(),
          result.status(), result.error());
    }
    try {
      String checkpoint = store.moveCheckpoint(checkpointDir, spec.trialId());
      store.write(spec.trialId(), TrialRow.toJson(result, new TrialRow.Provenance(
          checkpoint != null ? checkpoint : result.checkpointPath(), executorId(), runnerClass, dataDir)));
    } finally {
      deleteLocal(checkpointDir); // moved already, unless the copy failed: never left behind in /tmp
    }
    if (result.status().done()) {
      // The row is the result; a FAILED, TIMED_OUT or STOPPED trial keeps its state for the next run
      // (a STOPPED one, for its promotion to the next rung).
      try {
        state.delete();
      } catch (IOException e) { // harmless: a done trial is not run again, --force deletes it
        LOG.warn("trial {}: cannot delete its training state {}: {}", spec.trialId(), state.location(), e.toString());
      }
    }
    finished.add(1);
    if (result.status() == TrialStatus.FAILED) {
      failed.add(1);
    }
    return result.status().name();
  }

  /** The cores Spark gave this task (spark.task.cpus); 1 outside a task. */
  private static int taskCpus() {
    TaskContext task = TaskContext.get();
    return task == null ? 1 : task.cpus();
  }

  private static void deleteLocal(Path dir) {
    try {
      FileUtil.fullyDelete(dir.toFile());
    } catch (RuntimeException e) {
      System.err.println("cannot remove " + dir + ": " + e);
    }
  }

  static TrialRunner newRunner(String className) throws ReflectiveOperationException {
    return (TrialRunner) Class.forName(className, true, Thread.currentThread().getContextClassLoader())
        .getDeclaredConstructor()
        .newInstance();
  }

  /** "gpu:N" for the GPU address Spark assigned this task, "cpu" when the task has none. */
  static String assignedDevice() {
    TaskContext context = TaskContext.get();
    ResourceInformation gpu = context == null ? null : context.resourcesJMap().get("gpu");
    return gpu == null || gpu.addresses().length == 0 ? "cpu" : "gpu:" + gpu.addresses()[0];
  }

  private static String executorId() {
    SparkEnv env = SparkEnv.get();
    return env == null ? "driver" : env.executorId();
  }

  private static TrialListener epochLog() {
    return new TrialListener() {
      @Override
      public void epochFinished(TrialSpec spec, EpochMetrics m, double examplesPerSecond) {
        LOG.info(String.format("trial %s (%s %s %s) epoch %d: loss %.4f dev %.4f, %.1f ex/s",
            spec.trialId(), spec.backbone(), spec.method(), spec.task(), m.epoch(), m.trainLoss(), m.devScore(), examplesPerSecond));
      }
    };
  }
}
