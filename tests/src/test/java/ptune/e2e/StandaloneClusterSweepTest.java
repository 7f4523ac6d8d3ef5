package ptune.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import ptune.cli.Ptune;
import ptune.command.ExitCode;
import ptune.sweep.GridExpander;
import ptune.sweep.SweepConfigReader;
import ptune.testing.StandaloneCluster;
import ptune.testing.TestSweeps;

/**
 * The sweep on a real standalone cluster (Master + 2 Workers as separate JVMs, one emulated GPU per
 * Worker): the trials run in the executors, each on the GPU address Spark gave its task, and when an
 * executor is killed mid-sweep the sweep re-submits exactly the trials that lost their result.
 */
@Tag("slow")
class StandaloneClusterSweepTest {

  @TempDir Path tmp;

  @Test
  @Timeout(240) // a job asking for a resource no worker offers hangs instead of failing
  void trialsRunInExecutorsOnTheirAssignedGpusAndSurviveALostExecutor() throws Exception {
    try (StandaloneCluster cluster = new StandaloneCluster(tmp).start(2, Duration.ofSeconds(90))) {
      String spark = """
          spark:
            spark.ui.enabled: "false"
            spark.driver.host: 127.0.0.1
            spark.driver.bindAddress: 127.0.0.1
            spark.executor.extraClassPath: "%s"
            spark.executor.memory: 512m
            spark.executor.cores: "1"
            spark.task.cpus: "1"
            spark.cores.max: "2"
            spark.executor.resource.gpu.amount: "1"
            spark.task.resource.gpu.amount: "1"
            spark.scheduler.minRegisteredResourcesRatio: "1.0"
            spark.scheduler.maxRegisteredResourcesWaitingTime: 90s
          """.formatted(cluster.executorClassPath());
      String yaml = TestSweeps.pipeline("cluster", "").replace("""
          spark:
            spark.ui.enabled: "false"
          """, spark).replace("seeds: [1, 2]", "seeds: [1]").replace("outcome: ok", "outcome: ok\n  sleep_ms: 600");
      Path config = TestSweeps.write(tmp, "cluster.yaml", yaml);
      int expected = GridExpander.expand(SweepConfigReader.read(config.toString())).size();
      Path out = tmp.resolve("runs");
      Path parts = out.resolve("cluster/trials/parts");
      AtomicInteger killed = new AtomicInteger();
      Thread killer = new Thread(() -> killed.set(killAnExecutorAfterSomeResults(cluster, parts)));
      killer.start();
      ByteArrayOutputStream console = new ByteArrayOutputStream();
      PrintStream stdout = System.out;
      System.setOut(new PrintStream(new TeeOutputStream(stdout, console), true));
      try {
        assertEquals(ExitCode.TRIALS_FAILED, Ptune.run(new String[] {
            "sweep", config.toString(), "--out", out.toString(), "--master", cluster.masterUrl()}),
            "every trial has a result; CB's PT trials half fail by script");
      } finally {
        System.setOut(stdout);
        killer.join();
      }
      assertEquals(1, killed.get(), "one executor was killed mid-sweep");
      assertTrue(console.toString().contains("re-submitting the trials without a result"), "a round was cut short");

      SparkSession reader = SparkSession.builder().master("local[1]").config("spark.ui.enabled", "false")
          .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1").getOrCreate();
      try {
        List<Row> rows = reader.read().parquet(out.resolve("cluster/trials/trials.parquet").toString())
            .select("trial_id", "device", "executor", "status").collectAsList();
        assertEquals(expected, rows.size(), "every trial has a result");
        Set<String> devices = rows.stream().map(r -> r.getString(1)).collect(Collectors.toSet());
        Set<String> executors = rows.stream().map(r -> r.getString(2)).collect(Collectors.toSet());
        assertTrue(Set.of("gpu:0", "gpu:1").containsAll(devices), "devices " + devices);
        assertEquals(Set.of("gpu:0", "gpu:1"), devices, "both workers' GPUs were used");
        assertEquals(Set.of("COMPLETED", "FAILED", "DIVERGED"),
            rows.stream().map(r -> r.getString(3)).collect(Collectors.toSet()));
        assertFalse(executors.contains("driver"), "trials ran in executors: " + executors);
        assertTrue(executors.size() >= 3, "two executors plus the replacement of the killed one: " + executors);
      } finally {
        reader.stop();
      }
    }
  }

  /** SIGKILL worker 0's executor once a few trials have finished (so the sweep is mid-way). */
  private static int killAnExecutorAfterSomeResults(StandaloneCluster cluster, Path parts) {
    try {
      Instant deadline = Instant.now().plusSeconds(150);
      while (Instant.now().isBefore(deadline)) {
        String[] done = parts.toFile().list((d, n) -> n.endsWith(".json") && !n.startsWith("."));
        if (done != null && done.length >= 4) {
          // A part appears as its task ends; half a trial later the executor is inside its next one.
          Thread.sleep(300);
          List<ProcessHandle> executors = cluster.executorsOf(0);
          executors.forEach(ProcessHandle::destroyForcibly);
          return executors.size();
        }
        Thread.sleep(50);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }

  /** Writes to two streams: the console stays visible in the test log while the test reads it. */
  private static final class TeeOutputStream extends OutputStream {
    private final OutputStream a;
    private final OutputStream b;

    TeeOutputStream(OutputStream a, OutputStream b) {
      this.a = a;
      this.b = b;
    }

    @Override
    public void write(int c) throws IOException {
      a.write(c);
      b.write(c);
    }

    @Override
    public void write(byte[] bytes, int off, int len) throws IOException {
      a.write(bytes, off, len);
      b.write(bytes, off, len);
    }
  }
}
