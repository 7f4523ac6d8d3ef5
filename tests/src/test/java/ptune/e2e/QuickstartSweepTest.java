package ptune.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ptune.dataset.DataDirectory;
import ptune.testing.BinScripts;

/**
 * The shipped quickstart (conf/quickstart.yaml: minilm-l6, FT vs PT vs PT-2 on CoNLL-2003 and
 * SST-2, two seeds) end to end on local[2] with the real trial runner, run as a user runs it:
 * {@code bin/ptune run conf/quickstart.yaml} in a process of its own. Its console is short and holds
 * the headline tables with the majority baseline, Spark's INFO lines are in the log file instead;
 * every trial trains at least one epoch without an error, its best prompt checkpoint is saved, the
 * trials of both tasks train on the preprocessed features (SST-2's line records, CoNLL-2003's
 * sentences with their word alignment), each dev cell is the mean of its seeds' best dev scores and each CoNLL-2003 test cell the
 * mean of their test scores at the best dev epoch.
 */
@Tag("slow")
class QuickstartSweepTest {

  /** "About a hundred lines at most": the quickstart prints about 60. */
  private static final int MAX_CONSOLE_LINES = 100;

  @Test
  void quickstartRunsEndToEnd(@TempDir Path tmp) throws IOException, InterruptedException {
    Path out = tmp.resolve("runs");
    // A few minutes on two idle cores; much longer on a shared, busy machine.
    List<String> console = BinScripts.run(Map.of(), Duration.ofMinutes(45), "ptune", "run", "conf/quickstart.yaml",
        "--out", out.toString(), "--data", DataDirectory.resolve().toString());
    Path sweep = out.resolve("quickstart");
    String text = String.join("\n", console);
    assertTrue(console.size() <= MAX_CONSOLE_LINES, console.size() + " console lines:\n" + text);
    assertTrue(text.contains(Files.readString(sweep.resolve("tables/selected-on-dev.md")).strip()),
        "the selected-on-dev table is on the console:\n" + text);
    assertFalse(console.stream().anyMatch(l -> l.contains(" INFO ")), "no INFO log lines on the console:\n" + text);
    assertTrue(text.contains("12 trials, 12 completed, 0 failed, 0 diverged"), text);
    assertTrue(text.contains(Files.readString(sweep.resolve("tables/selected-on-dev-test.md")).strip()),
        "the test-at-best-dev table is on the console:\n" + text);
    assertTrue(text.contains("| majority class |"), "the majority baseline is printed:\n" + text);
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
          "SELECT trial_id, status, best_epoch, error, features, task FROM trials").collectAsList();
      assertEquals(12, rows.size(), "ft + pt + pt2 on 2 tasks x 2 seeds");
      for (Row r : rows) {
        // At the official lr every trial completes: the one NaN seen earlier was freed autograd
        // memory (see ptune.model.Scale), not divergence.
        assertEquals("COMPLETED", r.getString(1),
            r.getString(0) + " " + r.getString(1) + ": " + r.getString(3));
        assertTrue(r.getInt(2) > 0, r.getString(0) + " finished no epoch");
        // both tasks trained on the rows preprocessing stored, not re-tokenized (#14)
        assertTrue(r.getString(4).startsWith("stored file:") && r.getString(4).contains("/quickstart/features/"
            + r.getString(5) + "/"), r.getString(0) + ": " + r.getString(4));
        assertTrue(Files.isRegularFile(sweep.resolve("checkpoints").resolve(r.getString(0))
            .resolve("trainable.safetensors")), "checkpoint of " + r.getString(0));
      }
      // One grid point per cell: each selected-on-dev cell = the mean over seeds of the best dev
      // score, each selected-on-dev-test cell the mean of the test scores at those epochs.
      var tables = spark.read().option("header", "true").option("inferSchema", "true")
          .csv(sweep.resolve("tables/results.csv").toString());
      assertCellsAre(spark.sql("""
          SELECT method, task, avg(dev_score) * 100 AS mean, count(*) AS seeds FROM trials
          GROUP BY method, task""").collectAsList(), tables.where("selection = 'selected-on-dev'"), 6);
      assertCellsAre(spark.sql("""
          SELECT method, task, avg(test_score) * 100 AS mean, count(*) AS seeds FROM trials
          WHERE task = 'conll03' GROUP BY method, task""").collectAsList(),
          tables.where("selection = 'selected-on-dev-test'"), 3);
      // What the quickstart is for: on both tasks, input-only prompts (PT) trail fine-tuning by more
      // than the seed spread of either cell (dev, selected on dev). PT-2 is not asserted: after 3
      // epochs its prefixes are far from trained (docs/sweeps.md: its best epochs come late), and
      // where it lands between PT and FT varies with the seeds.
      for (String task : List.of("conll03", "sst2")) {
        Row pt = cell(tables, "pt", task);
        Row ft = cell(tables, "ft", task);
        double gap = ft.<Double>getAs("mean") - pt.<Double>getAs("mean");
        double spread = Math.max(ft.<Double>getAs("std"), pt.<Double>getAs("std"));
        assertTrue(gap > spread, task + ": ft - pt = " + gap + " points, seed spread " + spread);
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

  private static Row cell(Dataset<Row> results, String method, String task) {
    return results.where(String.format("selection = 'selected-on-dev' AND method = '%s' AND task = '%s'",
        method, task)).first();
  }

  private static void assertCellsAre(List<Row> expected, Dataset<Row> cells, int count) {
    assertEquals(count, expected.size(), expected.toString());
    for (Row e : expected) {
      assertEquals(2L, e.getLong(3), "two seeds per cell: " + e);
      Row cell = cells.where(String.format("method = '%s' AND task = '%s'", e.getString(0),
          e.getString(1))).first();
      // results.csv keeps 4 decimals: equal up to half of its last digit
      assertEquals(e.getDouble(2), cell.<Double>getAs("mean"), 5e-5, e.toString());
    }
  }
}
