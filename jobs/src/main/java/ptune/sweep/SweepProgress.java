package ptune.sweep;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ptune.console.Console;
import ptune.results.SweepLayout;
import ptune.results.TrialResultStore;

/**
 * The live status of a running sweep ({@link SweepStatus}), and one line per trial as it finishes
 * (a failed one with the first line of its error). Running tasks come from a SparkListener; what
 * finished comes from the result store, where each trial's row appears the moment it ends, so the
 * driver sees it on a cluster too (executors' output never reaches the driver). A daemon thread
 * polls: on a terminal the status block is redrawn every tick, otherwise a status line is printed
 * when a trial finishes (and every few minutes while none does).
 */
final class SweepProgress extends SparkListener implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SweepProgress.class);
  private static final Duration PLAIN_HEARTBEAT = Duration.ofMinutes(5);

  private final SparkContext sc;
  private final String sweep;
  private final Set<String> toRun;
  private final TrialResultStore store;
  private final Console console;
  private final AtomicInteger running = new AtomicInteger();
  private final long startNanos = System.nanoTime();
  private final List<FinishedTrial> finished = new ArrayList<>();
  private final Set<String> seen = new HashSet<>();
  /** The rows already recorded when the sweep started (a failure being retried): not news until rewritten. */
  private final Map<String, String> recordedBefore;
  private final Thread poller;
  private List<Integer> lastCounts;
  private long lastPlainNanos;
  private boolean pollFailed;

  /**
   * @param toRun the ids of the trials this invocation runs (the status counts these)
   * @param interval time between two polls of the result store
   */
  SweepProgress(SparkContext sc, String sweep, Set<String> toRun, TrialResultStore store, Duration interval,
      Console console) {
    this.sc = sc;
    this.sweep = sweep;
    this.toRun = Set.copyOf(toRun);
    this.store = store;
    this.console = console;
    this.recordedBefore = store.scan().rows();
    sc.addSparkListener(this);
    this.poller = new Thread(() -> poll(interval), "ptune-sweep-progress");
    poller.setDaemon(true);
    poller.start();
  }

  @Override
  public void onTaskStart(SparkListenerTaskStart taskStart) {
    running.incrementAndGet();
  }

  @Override
  public void onTaskEnd(SparkListenerTaskEnd taskEnd) {
    running.decrementAndGet();
  }

  private void poll(Duration interval) {
    try {
      while (!Thread.currentThread().isInterrupted()) {
        Thread.sleep(interval.toMillis());
        report(false);
      }
    } catch (InterruptedException stopped) {
      Thread.currentThread().interrupt();
    }
  }

  synchronized void report(boolean last) {
    try {
      readNewResults();
    } catch (RuntimeException e) { // a store that cannot be read now (HDFS hiccup): the next poll retries
      if (!pollFailed) {
        LOG.warn("sweep {}: cannot read the trial results for the status yet: {}", sweep, e.toString());
        pollFailed = true;
      }
    }
    SweepStatus status = SweepStatus.of(sweep, toRun.size(), finished, Math.max(0, running.get()),
        Duration.ofNanos(System.nanoTime() - startNanos));
    if (console.terminal()) {
      console.status(status.terminalLines());
      return;
    }
    boolean changed = !status.counts().equals(lastCounts);
    if (changed || last || System.nanoTime() - lastPlainNanos > PLAIN_HEARTBEAT.toNanos()) {
      console.status(List.of(status.plainLine()));
      lastCounts = status.counts();
      lastPlainNanos = System.nanoTime();
    }
  }

  private void readNewResults() {
    for (Map.Entry<String, String> part : store.scan().rows().entrySet()) {
      String id = part.getKey();
      if (toRun.contains(id) && !seen.contains(id) && !part.getValue().equals(recordedBefore.get(id))) {
        FinishedTrial trial = FinishedTrial.fromRow(part.getValue());
        seen.add(id);
        finished.add(trial);
        console.println(trial.line(SweepLayout.display(store.partPath(id))));
      }
    }
  }

  @Override
  public void close() {
    poller.interrupt();
    try {
      poller.join(Duration.ofSeconds(30).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    sc.removeSparkListener(this);
    report(true);
    console.endStatus();
  }
}
