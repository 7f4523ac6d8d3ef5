package ptune.sweep;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;
import ptune.console.Console;
import ptune.preprocess.HadoopFeatureSource;
import ptune.results.TrialResultStore;
import ptune.results.TrialTable;
import ptune.trial.TrialSpec;

/**
 * Runs a sweep on Spark: one task per trial (one partition each, so a trial is never queued behind
 * another on a busy executor), skipping trials whose results exist unless forced, then consolidates
 * the results. Spark's own task retries are off (spark.task.maxFailures=1, see
 * {@link ptune.jobs.SparkSessionFactory}); trials lost with an executor are re-submitted here, by
 * id, for at most {@link SweepConfig#retryRounds()} rounds.
 */
public final class DistributedSweep {

  private final SparkSession spark;
  private final Console console;
  private final Duration progressInterval;

  public DistributedSweep(SparkSession spark, Console console, Duration progressInterval) {
    this.spark = spark;
    this.console = console;
    this.progressInterval = progressInterval;
  }

  public SweepReport run(SweepConfig config, SweepLayout layout, boolean force) {
    List<TrialSpec> trials = GridExpander.expand(config);
    checkRunnerLoads(config.runner());
    TrialResultStore store = new TrialResultStore(layout);
    if (force) {
      store.forget(trials.stream().map(TrialSpec::trialId).toList());
    }
    Set<String> alreadyDone = store.finishedTrialIds();
    List<TrialSpec> todo = missing(trials, alreadyDone);
    int skipped = trials.size() - todo.size();
    console.printf("sweep %s: %d trials, %d already done, %d to run -> %s%n",
        config.name(), trials.size(), skipped, todo.size(), SweepLayout.display(layout.root()));

    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    LongAccumulator finished = jsc.sc().longAccumulator("trials finished");
    LongAccumulator failed = jsc.sc().longAccumulator("trials failed");
    TrialTask task = new TrialTask(config.runner(), config.dataDir(),
        new HadoopFeatureSource(layout.features()), store, finished, failed);
    try (SweepProgress progress = new SweepProgress(jsc.sc(), config.name(),
        todo.stream().map(TrialSpec::trialId).collect(Collectors.toSet()), store, progressInterval, console)) {
      for (int round = 0; round <= config.retryRounds() && !todo.isEmpty(); round++) {
        String description = String.format("sweep %s: train %d trials%s",
            config.name(), todo.size(), round == 0 ? "" : " (retry " + round + ")");
        jsc.setJobDescription(description);
        jsc.setCallSite(description);
        try {
          jsc.parallelize(todo, todo.size()).map(task).collect();
        } catch (Exception e) { // a SparkException (undeclared): the job aborted, typically on a lost executor
          console.printf("sweep %s: round %d ended early (%s); re-submitting the trials without a result%n",
              config.name(), round, e.getMessage() == null ? e : e.getMessage().lines().findFirst().orElse(""));
        }
        todo = missing(todo, store.finishedTrialIds());
      }
      jsc.clearCallSite();
      jsc.setJobDescription(null);
    }
    if (store.hasParts()) {
      TrialTable.consolidate(spark, layout);
    }
    return new SweepReport(config.name(), trials.size(), skipped, (int) finished.value().longValue(),
        (int) failed.value().longValue(), todo.stream().map(TrialSpec::trialId).toList());
  }

  private static List<TrialSpec> missing(List<TrialSpec> trials, Set<String> done) {
    return trials.stream().filter(t -> !done.contains(t.trialId())).toList();
  }

  /** A misspelt runner class is a config error, reported before any trial is scheduled. */
  private static void checkRunnerLoads(String runner) {
    try {
      TrialTask.newRunner(runner);
    } catch (ReflectiveOperationException | ClassCastException | LinkageError e) {
      throw new IllegalArgumentException("runner " + runner + " cannot be created with a no-arg constructor: " + e, e);
    }
  }
}
