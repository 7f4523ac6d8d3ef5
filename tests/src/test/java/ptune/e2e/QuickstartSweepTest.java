package ptune.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ptune.dataset.DataDirectory;
import ptune.testing.StandaloneCluster;
import ptune.testing.TestSweeps;

/**
 * The shipped quickstart (conf/quickstart.yaml: minilm-l6, FT vs PT vs PT-2 on CB and RTE) end to
 * end on local[2] with the real trial runner, run as a user runs it: {@code bin/ptune run
 * conf/quickstart.yaml} in a process of its own. Its console is short and holds the headline table,
 * Spark's INFO lines are in the log file instead; every trial trains at least one epoch without an
 * error, its best prompt checkpoint is saved, the features are preprocessed, and each table cell
 * is the best grid point of what the trial rows say.
 */
@Tag("slow")
class QuickstartSweepTest {

  /** "About a hundred lines at most": the quickstart prints about 40. */
  private static final int MAX_CONSOLE_LINES = 100;

  @Test
  void quickstartRunsEndToEnd(@TempDir Path tmp) throws IOException, InterruptedException {
    Path out = tmp.resolve("runs");
    List<String> console = runBinPtune("run", "conf/quickstart.yaml", "--out", out.toString(),
        "--data", DataDirectory.resolve().toString());
    Path sweep = out.resolve("quickstart");
    String text = String.join("\n", console);
    assertTrue(console.size() <= MAX_CONSOLE_LINES, console.size() + " console lines:\n" + text);
    assertTrue(text.contains(Files.readString(sweep.resolve("tables/selected-on-dev.md")).strip()),
        "the selected-on-dev table is on the console:\n" + text);
    assertFalse(console.stream().anyMatch(l -> l.contains(" INFO ")), "no INFO log lines on the console:\n" + text);
    assertTrue(text.contains("8 trials, 8 completed, 0 failed, 0 diverged"), text);
    try (Stream<Path> logs = Files.list(sweep.resolve("logs"))) {
      List<Path> files = logs.toList();
      assertEquals(1, files.size(), "one log file: " + files);
      assertTrue(files.get(0).getFileName().toString().matches("run-\\d{8}T\\d{6}Z\\.log"), files.toString());
      assertTrue(text.contains(files.get(0).toString()), "the console says where the log is");
      String log = Files.readString(files.get(0));
      assertTrue(log.contains(" INFO SparkContext: Running Spark version"), "Spark's INFO lines are in the log");
      assertTrue(log.contains(" INFO TrialTask: trial ") && log.contains(" epoch 1: loss "), "per-epoch lines are in the log");
    }

    SparkSession spark = SparkSession.builder().master("local[2]")
        .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1").getOrCreate();
    try {
      spark.read().parquet(sweep.resolve("trials/trials.parquet").toString())
          .createOrReplaceTempView("trials");
      List<Row> rows = spark.sql(
          "SELECT trial_id, status, best_epoch, error, features FROM trials").collectAsList();
      assertEquals(8, rows.size(), "ft + pt + 2 x pt2 on 2 tasks");
      for (Row r : rows) {
        // At the official lr every trial completes: the one NaN seen earlier was freed autograd
        // memory (see ptune.model.Scale), not divergence.
        assertEquals("COMPLETED", r.getString(1),
            r.getString(0) + " " + r.getString(1) + ": " + r.getString(3));
        assertTrue(r.getInt(2) > 0, r.getString(0) + " finished no epoch");
        // trained on the rows preprocessing stored, not re-tokenized
        assertTrue(r.getString(4).startsWith("stored file:") && r.getString(4).contains("/quickstart/features/"),
            r.getString(0) + ": " + r.getString(4));
        assertTrue(Files.isRegularFile(sweep.resolve("checkpoints").resolve(r.getString(0))
            .resolve("trainable.safetensors")), "checkpoint of " + r.getString(0));
      }
      // Each selected-on-dev cell = the best dev score over the cell's grid points (one seed).
      List<Row> expected = spark.sql("""
          SELECT method, task, max(dev_score) * 100 AS best FROM trials
          GROUP BY method, task""").collectAsList();
      var tables = spark.read().option("header", "true").option("inferSchema", "true")
          .csv(sweep.resolve("tables/results.csv").toString())
          .where("selection = 'selected-on-dev'");
      assertEquals(6, expected.size());
      for (Row e : expected) {
        Row cell = tables.where(String.format("method = '%s' AND task = '%s'", e.getString(0),
            e.getString(1))).first();
        // results.csv keeps 4 decimals: equal up to half of its last digit
        assertEquals(e.getDouble(2), cell.<Double>getAs("mean"), 5e-5, e.toString());
      }
    } finally {
      spark.stop();
    }
    String markdown = Files.readString(sweep.resolve("tables/selected-on-dev.md"));
    assertTrue(markdown.contains("PT-2") && markdown.contains("FT"), markdown);
    assertTrue(Files.isDirectory(sweep.resolve("features")), "preprocessed features");
    try (Stream<Path> plots = Files.list(sweep.resolve("plots"))) {
      List<Path> pngs = plots.filter(p -> p.toString().endsWith(".png")).toList();
      assertTrue(pngs.size() >= 2, "plots: " + pngs);
      for (Path png : pngs) {
        BufferedImage image = ImageIO.read(png.toFile());
        assertTrue(image.getWidth() > 200 && image.getHeight() > 150, png.toString());
      }
    }
  }

  /**
   * Runs bin/ptune from the repository root on the runtime classpath this build resolved (the
   * modules' target/classes and jobs' dependencies, without the tests' own: their older SLF4J
   * would silence Spark's log), so the script neither builds nor reads a stale ptune.classpath;
   * returns its stdout and stderr, lines as they came, echoed to the test's log.
   */
  private static List<String> runBinPtune(String... args) throws IOException, InterruptedException {
    Path root = TestSweeps.repoRoot();
    List<String> command = new ArrayList<>(List.of(root.resolve("bin/ptune").toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true);
    builder.environment().put("PTUNE_CLASSPATH", StandaloneCluster.runtimeClassPath());
    Process process = builder.start();
    List<String> lines = Collections.synchronizedList(new ArrayList<>());
    Thread reader = new Thread(() -> {
      try (BufferedReader in = process.inputReader()) {
        in.lines().forEach(line -> {
          lines.add(line);
          System.out.println("| " + line);
        });
      } catch (IOException e) {
        lines.add("(reading the console failed: " + e + ")");
      }
    });
    reader.start();
    // A few minutes on two idle cores; much longer on a shared, busy machine.
    if (!process.waitFor(45, TimeUnit.MINUTES)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      process.waitFor(1, TimeUnit.MINUTES);
    }
    reader.join(TimeUnit.MINUTES.toMillis(1));
    assertEquals(0, process.exitValue(), "bin/ptune exit code; console:\n" + String.join("\n", lines));
    return List.copyOf(lines);
  }
}
