package ptune.sweep;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ptune.tasks.TaskDefinition;
import ptune.tasks.TaskDefinitionParser;

/**
 * A sweep as written in its YAML file (keys in snake_case): which backbones, methods and tasks,
 * the hyperparameter grid and seeds, and where and how to run it. {@link SweepConfigReader} fills
 * in defaults and validates it; {@link GridExpander} turns it into trials.
 *
 * @param runner class name of the {@link ptune.trial.TrialRunner}, made with its no-arg constructor
 * @param dataDir root of the raw datasets, as seen by the executors
 * @param spark Spark settings (spark-defaults keys) applied when the job creates its session
 * @param master Spark master when the command line gives none
 * @param retryRounds how many times trials lost with an executor are re-submitted
 * @param regressionThreshold a table cell regresses only if its mean drops by more than this many
 *     points from the earlier run (see {@link ptune.tables.RegressionRule})
 * @param regressionAlpha and only if Welch's one-sided t-test over both runs' seeds gives p below this
 * @param throughputRegressionPercent examples/s of a cell regress when they drop by more than this
 *     share of the earlier run's, in percent (and the same test says so)
 * @param stateEvery a trial saves its training state to {@code state/} after every this many
 *     epochs (and when it stops), to resume from it if lost; 0 saves none
 * @param trialTimeout seconds one run of a trial may train: past them it stops at the next epoch end
 *     as TIMED_OUT and the next run continues it; null (the default) sets no limit
 * @param scheduler successive halving across the trials of each (backbone, task, method) bracket
 *     ({@link AshaScheduler}); null (the default) trains every trial all its epochs
 * @param taskDefinitions tasks of the user's own data by name, each as written
 *     ({@link TaskDefinitionParser} lists the keys); {@code tasks} names them like built-in ones
 */
public record SweepConfig(
    String name,
    String description,
    String runner,
    String dataDir,
    List<String> backbones,
    List<String> methods,
    List<String> tasks,
    List<Long> seeds,
    Map<String, GridAxis> grid,
    List<GridOverride> overrides,
    Map<String, HyperparameterType> hyperparameterTypes,
    Map<String, String> spark,
    String master,
    Integer retryRounds,
    Double regressionThreshold,
    PreprocessConfig preprocess,
    Double regressionAlpha,
    Double throughputRegressionPercent,
    Integer stateEvery,
    Double trialTimeout,
    SchedulerConfig scheduler,
    Map<String, Map<String, Object>> taskDefinitions) {

  /**
   * Feature preprocessing: the {@link ptune.preprocess.FeatureEncoder} class (none = skip, trials
   * tokenize on their own) and the raw datasets root as a Hadoop URI (default: data_dir).
   */
  public record PreprocessConfig(String encoder, String input) {}

  /**
   * {@code scheduler: {type: asha, grace_epochs: G, reduction_factor: 3, metric: dev}}: every trial
   * first trains G epochs; at each rung (G, G*eta, G*eta^2, ... below its epochs) the top 1/eta
   * grid points of its bracket continue, the rest stop (see {@link AshaScheduler}).
   *
   * @param metric the score trials are ranked by: dev (best dev score so far) or held_out (the
   *     held-out score of the epoch held-out selection picks so far)
   */
  public record SchedulerConfig(String type, Integer graceEpochs, Integer reductionFactor, String metric) {
    public static final String ASHA = "asha";
    public static final int DEFAULT_REDUCTION_FACTOR = 3;
    public static final String DEV = "dev";
    public static final String HELD_OUT = "held_out";

    SchedulerConfig withDefaults() {
      return new SchedulerConfig(type, graceEpochs,
          reductionFactor == null ? DEFAULT_REDUCTION_FACTOR : reductionFactor, metric == null ? DEV : metric);
    }
  }

  /** The raw datasets root preprocessing reads: {@code preprocess.input}, else {@code data_dir}. */
  public String preprocessInput() {
    return preprocess.input() != null ? preprocess.input() : dataDir;
  }

  public static final String DEFAULT_RUNNER = "ptune.trial.PromptTuningTrialRunner";
  public static final double DEFAULT_REGRESSION_THRESHOLD = 1.0;
  public static final double DEFAULT_REGRESSION_ALPHA = 0.05;
  public static final double DEFAULT_THROUGHPUT_REGRESSION_PERCENT = 10;
  public static final int DEFAULT_STATE_EVERY = 1;

  SweepConfig withDefaults() {
    return new SweepConfig(
        name,
        description == null ? "" : description,
        runner == null ? DEFAULT_RUNNER : runner,
        dataDir == null ? "../shared/datasets" : dataDir,
        backbones,
        methods,
        tasks,
        seeds,
        grid == null ? Map.of() : grid,
        overrides == null ? List.of() : overrides,
        hyperparameterTypes == null ? Map.of() : hyperparameterTypes,
        spark == null ? Map.of() : spark,
        master,
        retryRounds == null ? 2 : retryRounds,
        regressionThreshold == null ? DEFAULT_REGRESSION_THRESHOLD : regressionThreshold,
        preprocess == null ? new PreprocessConfig(null, null) : preprocess,
        regressionAlpha == null ? DEFAULT_REGRESSION_ALPHA : regressionAlpha,
        throughputRegressionPercent == null ? DEFAULT_THROUGHPUT_REGRESSION_PERCENT : throughputRegressionPercent,
        stateEvery == null ? DEFAULT_STATE_EVERY : stateEvery,
        trialTimeout,
        scheduler == null ? null : scheduler.withDefaults(),
        taskDefinitions == null ? Map.of() : taskDefinitions);
  }

  /** This sweep reading its data from {@code dir} (the command line's --data). */
  public SweepConfig withDataDir(String dir) {
    return new SweepConfig(name, description, runner, dir, backbones, methods, tasks, seeds, grid, overrides,
        hyperparameterTypes, spark, master, retryRounds, regressionThreshold, preprocess, regressionAlpha,
        throughputRegressionPercent, stateEvery, trialTimeout, scheduler, taskDefinitions);
  }

  /**
   * The declared tasks, parsed (the reader has checked every key, so this does not fail on a
   * config it returned).
   */
  public Map<String, TaskDefinition> declaredTasks() {
    Map<String, TaskDefinition> tasks = new LinkedHashMap<>();
    taskDefinitions.forEach((name, declaration) -> tasks.put(name, TaskDefinitionParser.parse(name, declaration)));
    return tasks;
  }

  public HyperparameterCatalog catalog() {
    return new HyperparameterCatalog(hyperparameterTypes);
  }
}
