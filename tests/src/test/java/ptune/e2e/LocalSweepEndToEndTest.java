package ptune.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import ptune.cli.Ptune;
import ptune.command.ExitCode;
import ptune.sweep.GridExpander;
import ptune.sweep.SweepConfigReader;
import ptune.testing.TestSweeps;

/**
 * {@code ptune run} on local[2] with the deterministic runner: trials, tables and plots exist and
 * agree with each other, read back with plain Spark SQL.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LocalSweepEndToEndTest {

  @TempDir static Path tmp;
  private Path sweepDir;
  private int expectedTrials;

  @BeforeAll
  void runTheSweep() throws IOException {
    Path config = TestSweeps.write(tmp, "local.yaml", TestSweeps.pipeline("local-e2e",
        "preprocess: {encoder: ptune.testing.WhitespaceFeatureEncoder}"));
    expectedTrials = GridExpander.expand(SweepConfigReader.read(config.toString())).size();
    Path out = tmp.resolve("runs");
    // CB's PT trials half fail by script: the run still writes every table, and its exit code says so.
    assertEquals(ExitCode.TRIALS_FAILED, Ptune.run(new String[] {"run", config.toString(), "--out", out.toString()}));
    sweepDir = out.resolve("local-e2e");
  }

  /** A plain session for reading results back; the jobs stop theirs, so get it anew each time. */
  private static SparkSession spark() {
    return SparkSession.builder().master("local[2]").config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1").getOrCreate();
  }

  @AfterAll
  void stop() {
    spark().stop();
  }

  private Dataset<Row> trialsCsv() {
    return spark().read().option("header", "true").option("inferSchema", "true").option("escape", "\"")
        .csv(sweepDir.resolve("trials/trials.csv").toString());
  }

  @Test
  void trialsCsvHasHeaderOneRowPerTrialAndHyperparameterColumns() throws IOException {
    List<String> lines = Files.readAllLines(sweepDir.resolve("trials/trials.csv"));
    assertEquals(expectedTrials + 1, lines.size(), "a header and one line per trial");
    assertTrue(lines.get(0).startsWith("trial_id,sweep,backbone,method,task,seed,"), lines.get(0));
    Dataset<Row> csv = trialsCsv();
    assertEquals(expectedTrials, csv.count());
    assertEquals(expectedTrials, csv.select("trial_id").distinct().count());
    for (String hp : List.of("lr", "prefix_len", "epochs", "outcome")) {
      assertTrue(List.of(csv.columns()).contains(hp), hp + " is a column");
    }
    assertEquals("double", csv.schema().apply("lr").dataType().typeName());
  }

  @Test
  void failedAndDivergedTrialsAreRecordedAndTheRestCompleted() {
    SparkSession spark = spark();
    Dataset<Row> trials = spark.read().parquet(sweepDir.resolve("trials/trials.parquet").toString());
    trials.createOrReplaceTempView("trials");
    Map<String, Long> byStatus = new HashMap<>();
    spark.sql("SELECT outcome, status, count(*) AS n FROM trials GROUP BY outcome, status").collectAsList()
        .forEach(r -> byStatus.put(r.getString(0) + "/" + r.getString(1), r.getLong(2)));
    assertEquals(Set.of("ok/COMPLETED", "throw/FAILED", "diverge/DIVERGED"), byStatus.keySet());
    assertEquals(8L, byStatus.get("throw/FAILED"));
    Row failed = spark.sql("SELECT error, checkpoint_path FROM trials WHERE status = 'FAILED' LIMIT 1").first();
    assertTrue(failed.getString(0).contains("scripted failure"), failed.getString(0));
    Row ok = spark.sql("SELECT trial_id, checkpoint_path, size(dev_scores), epochs_json, best_epoch, device "
        + "FROM trials WHERE status = 'COMPLETED' LIMIT 1").first();
    assertTrue(ok.getString(1).endsWith("/checkpoints/" + ok.getString(0)), ok.getString(1));
    assertTrue(Files.exists(sweepDir.resolve("checkpoints").resolve(ok.getString(0)).resolve("prompt.bin")));
    assertEquals(3, ok.getInt(2));
    assertTrue(ok.getString(3).contains("\"devScore\""), ok.getString(3));
    assertEquals("cpu", ok.getString(5));
  }

  @Test
  void tableCellsEqualARecomputationFromTheTrialsCsv() {
    SparkSession spark = spark();
    trialsCsv().createOrReplaceTempView("csv_trials");
    // Per cell: the grid point (all hyperparameters but the seed) with the best mean dev score.
    List<Row> expected = spark.sql("""
        WITH points AS (
          SELECT backbone, method, task, lr, prefix_len, epochs, outcome,
                 avg(dev_score) * 100 AS mean, coalesce(stddev_samp(dev_score * 100), 0) AS std, count(*) AS seeds
          FROM csv_trials WHERE status <> 'FAILED' AND dev_score IS NOT NULL
          GROUP BY backbone, method, task, lr, prefix_len, epochs, outcome),
        ranked AS (
          SELECT *, row_number() OVER (PARTITION BY backbone, method, task ORDER BY mean DESC) AS r FROM points)
        SELECT backbone, method, task, mean, std, seeds FROM ranked WHERE r = 1""").collectAsList();
    Dataset<Row> tables = spark.read().option("header", "true").option("inferSchema", "true")
        .csv(sweepDir.resolve("tables/results.csv").toString())
        .where("selection = 'selected-on-dev'");
    assertEquals(6, expected.size());
    assertEquals(expected.size(), tables.count());
    for (Row e : expected) {
      Row t = tables.where(String.format("backbone = '%s' AND method = '%s' AND task = '%s'",
          e.getString(0), e.getString(1), e.getString(2))).first();
      assertEquals(e.getDouble(3), t.<Double>getAs("mean"), 1e-3, e.toString());
      assertEquals(e.getDouble(4), t.<Double>getAs("std"), 1e-3, e.toString());
      assertEquals(e.getLong(5), t.<Integer>getAs("seeds").longValue(), e.toString());
    }
    Dataset<Row> parquet = spark.read().parquet(sweepDir.resolve("tables/results.parquet").toString());
    assertEquals(tables.count() * 2, parquet.count(), "both selections in the Parquet table");
  }

  @Test
  void markdownAndLatexTablesShowOurCellsBaselinesAndPaperNumbers() throws IOException {
    String md = Files.readString(sweepDir.resolve("tables/selected-on-dev.md"));
    assertTrue(md.contains("| tiny PT-2 |"), md);
    assertTrue(md.contains("majority class"), md);
    assertTrue(md.contains("1.79 pts (n=56)"), md);
    assertTrue(md.contains("94.6*"), "paper CB numbers, marked unverified: " + md);
    assertTrue(Files.readString(sweepDir.resolve("tables/selected-on-held-out.md")).contains("held-out"));
    String tex = Files.readString(sweepDir.resolve("tables/selected-on-dev.tex"));
    assertTrue(tex.contains("\\begin{tabular}") && tex.contains("$\\pm$"), tex);
  }

  @Test
  void plotsArePngImagesThatAreNotBlank() throws IOException {
    for (String name : List.of("methods-per-task-tiny.png", "dev-vs-prompt-length-tiny.png")) {
      BufferedImage image = ImageIO.read(sweepDir.resolve("plots").resolve(name).toFile());
      assertNotNull(image, name + " decodes");
      Set<Integer> colours = new HashSet<>();
      for (int x = 0; x < image.getWidth(); x += 3) {
        for (int y = 0; y < image.getHeight(); y += 3) {
          colours.add(image.getRGB(x, y));
        }
      }
      assertTrue(colours.size() > 5, name + " has " + colours.size() + " colours");
    }
  }

  @Test
  void preprocessingWroteParquetAndArrowFromTheLocalFilesystem() {
    SparkSession spark = spark();
    Path features = sweepDir.resolve("features/cb/tiny-len128");
    assertTrue(Files.exists(features.resolve("_FINGERPRINT")));
    assertEquals(250 + 56 + 250, spark.read().parquet(features.resolve("parquet").toString()).count());
    for (String split : List.of("train", "dev", "test")) { // one directory of shards per split
      assertTrue(features.resolve("arrow/" + split).toFile().list((d, n) -> n.endsWith(".arrow")).length > 0, split);
    }
    List<Row> ran = spark.read().parquet(sweepDir.resolve("trials/trials.parquet").toString())
        .where("status != 'FAILED'").select("task", "features").collectAsList(); // FAILED: threw before
    assertTrue(ran.size() > 10, "trials that ran: " + ran.size());
    for (Row r : ran) {
      assertTrue(r.getString(1).startsWith("stored file:") && r.getString(1).contains(
          "/features/" + r.getString(0) + "/tiny-len128/arrow ("), "trials read the shards: " + r.getString(1));
    }
  }

  @Test
  void aRerunSkipsDoneTrialsRetriesFailedOnesAndComparesWithThePreviousTables() throws IOException {
    Path config = tmp.resolve("local.yaml");
    String out = sweepDir.getParent().toString();
    String trials = sweepDir.resolve("trials/trials.parquet").toString();
    String results = "SELECT count(*), max(finished_at) FROM parquet.`" + trials + "` WHERE status != 'FAILED'";
    Row before = spark().sql(results).first();
    long failedBefore = spark().read().parquet(trials).where("status = 'FAILED'").count();
    assertEquals(ExitCode.TRIALS_FAILED, Ptune.run(new String[] {"sweep", config.toString(), "--out", out}),
        "the scripted failures fail again");
    Row after = spark().sql(results).first();
    assertEquals(before, after, "no completed or diverged trial ran again");
    assertEquals(failedBefore, spark().read().parquet(trials).where("status = 'FAILED'").count());
    assertEquals(0, Ptune.run(new String[] {"aggregate", config.toString(), "--out", out}));
    // Still the same (initial) run: its tables are kept once in the history, and there is no earlier run.
    assertEquals(1, sweepDir.resolve("history").toFile().list().length);
    String comparison = Files.readString(sweepDir.resolve("tables/comparison.md"));
    assertTrue(comparison.contains("No previous run"), comparison);
  }
}
