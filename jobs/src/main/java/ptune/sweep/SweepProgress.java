package ptune.sweep;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;
import org.apache.spark.util.LongAccumulator;

/**
 * Prints trials done / running / failed and an ETA while a sweep runs: running tasks come from a
 * SparkListener, finished and failed trials from the tasks' accumulators, polled by a daemon thread.
 */
final class SweepProgress extends SparkListener implements AutoCloseable {

  private final SparkContext sc;
  private final String sweep;
  private final int total;
  private final LongAccumulator finished;
  private final LongAccumulator failed;
  private final PrintStream console;
  private final AtomicInteger running = new AtomicInteger();
  private final long startNanos = System.nanoTime();
  private final Thread poller;
  private String lastLine = "";

  SweepProgress(SparkContext sc, String sweep, int total, LongAccumulator finished, LongAccumulator failed,
      Duration interval, PrintStream console) {
    this.sc = sc;
    this.sweep = sweep;
    this.total = total;
    this.finished = finished;
    this.failed = failed;
    this.console = console;
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
        report();
      }
    } catch (InterruptedException stopped) {
      Thread.currentThread().interrupt();
    }
  }

  synchronized void report() {
    long done = finished.value();
    String eta = done == 0 ? "?" : format(Duration.ofNanos((System.nanoTime() - startNanos) / done * (total - done)));
    String line = String.format("[sweep %s] %d/%d trials done (%d failed or diverged), %d running, ETA %s",
        sweep, done, total, failed.value(), Math.max(0, running.get()), eta);
    if (!line.equals(lastLine)) {
      console.println(line);
      lastLine = line;
    }
  }

  private static String format(Duration d) {
    return d.toHours() > 0 ? String.format("%dh%02dm", d.toHours(), d.toMinutesPart())
        : String.format("%dm%02ds", d.toMinutes(), d.toSecondsPart());
  }

  @Override
  public void close() {
    poller.interrupt();
    sc.removeSparkListener(this);
    report();
  }
}
