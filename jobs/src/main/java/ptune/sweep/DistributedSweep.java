package ptune.sweep;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;
import ptune.console.Console;
import ptune.preprocess.HadoopFeatureSource;
import ptune.results.ResultWriteException;
import ptune.results.RungDecisionLog;
import ptune.results.SweepLayout;
import ptune.results.TrialResultStore;
import ptune.results.TrialTable;
import ptune.trial.TrialSpec;
import ptune.trial.TrialStatus;

/**
 * Runs a sweep on Spark: one task per trial (one partition each, so a trial is never queued behind
 * another on a busy executor), skipping trials whose results exist unless forced, then consolidates
 * the results. Spark's own task retries are off (spark.task.maxFailures=1, see
 * {@link ptune.jobs.SparkSessionFactory}); trials lost with an executor are re-submitted here, by
 * id, for at most {@link SweepConfig#retryRounds()} rounds. With a {@link SweepConfig#scheduler()},
 * the {@link AshaScheduler} decides which trials train and to which epoch, one Spark job per
 * planning step.
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
      if (config.scheduler() != null) {
        new RungDecisionLog(layout).clear(); // the trials start again: so do their rungs
      }
    }
    TrialResultStore.PartScan before = store.scan();
    before.damaged().values().forEach(d -> console.printf("sweep %s: damaged result %s; its trial runs again%n", config.name(), d));
    store.quarantine(before);
    Set<String> alreadyDone = before.finished();
    List<TrialSpec> todo = missing(trials, alreadyDone);
    int skipped = trials.size() - todo.size();
    warnAboutOtherInputs(config, trials, before);
    long retried = todo.stream().filter(t -> before.failed().contains(t.trialId())).count();
    long continued = todo.stream().filter(t -> before.timedOut().contains(t.trialId())).count();
    long stoppedBefore = todo.stream()
        .filter(t -> TrialStatus.STOPPED.name().equals(before.statuses().get(t.trialId()))).count();
    String again = (retried == 0 ? "" : ", " + retried + " failed before: retried")
        + (continued == 0 ? "" : ", " + continued + " timed out before: continued")
        + (stoppedBefore == 0 ? "" : ", " + stoppedBefore + " stopped at a rung: "
            + (config.scheduler() == null ? "continued to their last epoch" : "the scheduler continues the promoted ones"));
    console.printf("sweep %s: %d trials, %d already done, %d to run%s -> %s%n",
        config.name(), trials.size(), skipped, todo.size(),
        again.isEmpty() ? "" : " (" + again.substring(2) + ")", SweepLayout.display(layout.root()));

    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    LongAccumulator finished = jsc.sc().longAccumulator("trials finished");
    LongAccumulator failed = jsc.sc().longAccumulator("trials failed");
    TrialTask task = new TrialTask(config.runner(), config.dataDir(),
        new HadoopFeatureSource(layout.features()), store, finished, failed, config.stateEvery(),
        config.trialTimeout() == null ? null : Duration.ofNanos(Math.round(config.trialTimeout() * 1e9)));
    if (config.scheduler() == null) {
      todo = trainRounds(jsc, task, todo, config, store, "");
    } else {
      todo = schedule(jsc, task, trials, config, store, new RungDecisionLog(layout));
    }
    jsc.clearCallSite();
    jsc.setJobDescription(null);
    TrialResultStore.PartScan after = store.scan();
    if (!after.rows().isEmpty()) {
      TrialTable.consolidate(spark, layout);
    }
    Set<String> lost = todo.stream().map(TrialSpec::trialId).collect(Collectors.toSet());
    List<String> failedNow = trials.stream().map(TrialSpec::trialId)
        .filter(id -> after.failed().contains(id) && !lost.contains(id)).toList();
    long diverged = trials.stream().map(TrialSpec::trialId)
        .filter(id -> TrialStatus.DIVERGED.name().equals(after.statuses().get(id))).count();
    long timedOut = trials.stream().map(TrialSpec::trialId)
        .filter(id -> after.timedOut().contains(id) && !lost.contains(id)).count();
    long stopped = trials.stream().map(TrialSpec::trialId)
        .filter(id -> TrialStatus.STOPPED.name().equals(after.statuses().get(id))).count();
    return new SweepReport(config.name(), trials.size(), skipped, (int) finished.value().longValue(),
        failedNow, (int) diverged, (int) timedOut, (int) stopped, todo.stream().map(TrialSpec::trialId).toList(),
        layout.trials() + "/" + TrialTable.CSV);
  }

  /**
   * Trains {@code todo} as one Spark job, then re-submits the trials lost with an executor for at
   * most {@link SweepConfig#retryRounds()} rounds; returns the trials still without a new row.
   */
  private List<TrialSpec> trainRounds(JavaSparkContext jsc, TrialTask task, List<TrialSpec> todo,
      SweepConfig config, TrialResultStore store, String what) {
    TrialResultStore.PartScan before = store.scan();
    try (SweepProgress progress = new SweepProgress(jsc.sc(), config.name(),
        todo.stream().map(TrialSpec::trialId).collect(Collectors.toSet()), store, progressInterval, console)) {
      for (int round = 0; round <= config.retryRounds() && !todo.isEmpty(); round++) {
        String description = String.format("sweep %s: train %d trials%s%s",
            config.name(), todo.size(), what, round == 0 ? "" : " (retry " + round + ")");
        jsc.setJobDescription(description);
        jsc.setCallSite(description);
        try {
          jsc.parallelize(todo, todo.size()).map(task).collect();
        } catch (Exception e) { // a SparkException (undeclared): the job aborted, typically on a lost executor
          ResultWriteException writeFailure = writeFailure(e);
          if (writeFailure != null) {
            throw writeFailure; // deterministic: another round would train the trials only to fail again
          }
          console.printf("sweep %s: round %d ended early (%s); re-submitting the trials without a result%n",
              config.name(), round, e.getMessage() == null ? e : e.getMessage().lines().findFirst().orElse(""));
        }
        // A FAILED trial is not retried within a run; a failure recorded by an earlier run is no result of this one.
        todo = missing(todo, recordedSince(before, store.scan()));
      }
    }
    return todo;
  }

  /**
   * Successive halving ({@link AshaScheduler}): plans from the recorded rows and rung decisions,
   * trains every trial that can train now (each to its rung) as one Spark job, and plans again,
   * until nothing is left to train. A trial is submitted at most once per rung in a run: one that
   * failed there holds its bracket at that rung until a rerun retries it. Returns the trials lost
   * (no row written after the retry rounds) in any of the jobs.
   */
  private List<TrialSpec> schedule(JavaSparkContext jsc, TrialTask task, List<TrialSpec> trials,
      SweepConfig config, TrialResultStore store, RungDecisionLog log) {
    AshaScheduler scheduler = new AshaScheduler(config.scheduler(), log);
    Set<String> attempted = new HashSet<>();
    Set<String> printed = new HashSet<>();
    List<TrialSpec> lost = new ArrayList<>();
    // The cost of synchronous rungs, shown per job and in total: slots idle while a job waits.
    int slots = Math.max(1, jsc.sc().defaultParallelism() / jsc.getConf().getInt("spark.task.cpus", 1));
    SlotUsage usage = SlotUsage.NONE;
    while (true) {
      AshaScheduler.Plan plan = scheduler.plan(trials, store.scan().rows());
      plan.rungLines().stream().filter(printed::add) // each line once: a decided rung is news once
          .forEach(line -> console.printf("sweep %s: rungs: %s%n", config.name(), line));
      Map<String, Integer> limits = new HashMap<>();
      List<TrialSpec> now = new ArrayList<>();
      plan.runs().forEach((spec, epoch) -> {
        if (attempted.add(spec.trialId() + "@" + epoch)) {
          now.add(spec);
          limits.put(spec.trialId(), epoch);
        }
      });
      if (now.isEmpty()) {
        if (usage.wallSeconds() > 0) {
          console.printf("sweep %s: rungs: %s%n", config.name(), usage.describe());
        }
        return lost;
      }
      Map<String, String> rowsBefore = store.scan().rows();
      long start = System.nanoTime();
      // A trial lost in one job is not submitted at that rung again in this run: it stays lost.
      lost.addAll(trainRounds(jsc, task.withEpochLimits(limits), now, config, store, " to their rungs"));
      SlotUsage job = SlotUsage.ofJob(slots, (System.nanoTime() - start) / 1e9, rowsBefore, store.scan().rows());
      console.printf("sweep %s: rungs: job of %d trial(s): %s%n", config.name(), now.size(), job.describe());
      usage = usage.plus(job);
    }
  }

  /**
   * The trial id hashes the grid point, not the runner class or the data directory: results kept
   * from a run with other ones are said to be so (and --force redoes them), never silently reused.
   */
  private void warnAboutOtherInputs(SweepConfig config, List<TrialSpec> trials, TrialResultStore.PartScan before) {
    String now = "runner " + config.runner() + ", data_dir " + config.dataDir();
    Map<String, Long> others = trials.stream()
        .filter(t -> before.finished().contains(t.trialId()))
        .map(t -> TrialResultStore.provenance(before.rows().get(t.trialId())))
        .filter(p -> !p.equals(now))
        .collect(Collectors.groupingBy(p -> p, TreeMap::new, Collectors.counting()));
    others.forEach((provenance, n) -> console.printf(
        "sweep %s: %d trials already done ran with %s, not %s (kept; --force redoes them)%n",
        config.name(), n, provenance, now));
  }

  /** Trials whose part was written (or rewritten: a row carries its finish time) since {@code before}. */
  private static Set<String> recordedSince(TrialResultStore.PartScan before, TrialResultStore.PartScan now) {
    return now.rows().entrySet().stream()
        .filter(e -> !e.getValue().equals(before.rows().get(e.getKey())))
        .map(Map.Entry::getKey)
        .collect(Collectors.toSet());
  }

  /** The result-write failure that aborted the job, if that is what did. */
  private static ResultWriteException writeFailure(Exception e) {
    return TaskFailures.cause(e, ResultWriteException.class)
        .or(() -> TaskFailures.relayedMessage(e, ResultWriteException.class).map(ResultWriteException::relayed))
        .orElse(null);
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
