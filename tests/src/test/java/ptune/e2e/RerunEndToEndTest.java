package ptune.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ptune.cli.Ptune;
import ptune.dataset.DataDirectory;
import ptune.testing.TestSweeps;

/**
 * Scheduled reruns on local[2] with the deterministic runner (whose score falls as the learning
 * rate leaves 1e-2): a first run; a rerun that changes only the seeds, which flags nothing; a
 * rerun with PT-2's learning rate 100x too small, which flags exactly PT-2's cells and exits 6;
 * the history keeps all three runs and the sweep's tables and trials show the latest.
 */
@Tag("slow")
class RerunEndToEndTest {

  @TempDir static Path tmp;

  private static String sweep(String seeds, String pt2Lr) {
    return """
        name: reruns
        runner: ptune.testing.DeterministicTrialRunner
        data_dir: %s
        backbones: [tiny]
        methods: [ft, pt2]
        tasks: [cb, rte]
        seeds: %s
        grid:
          epochs: 3
          lr: %s
          prefix_len: 16
        overrides:
          - method: ft
            grid: {lr: 2.0e-5, prefix_len: null}
        # The runner's seed spread is under a point and lr 1e-4 costs PT-2 about 1.7 points: a half-point
        # threshold keeps the test's outcome far from the rule's edges (8 seeds: standard error ~0.4).
        regression_threshold: 0.5
        spark:
          spark.ui.enabled: "false"
        """.formatted(DataDirectory.resolve(), seeds, pt2Lr);
  }

  @Test
  void seedOnlyRerunsPassAHarmfulChangeIsFlaggedAndTheHistoryKeepsEveryRun() throws IOException {
    Path out = tmp.resolve("runs");
    Path sweepDir = out.resolve("reruns");
    String first = TestSweeps.write(tmp, "first.yaml", sweep("[1, 2, 3, 4, 5, 6, 7, 8]", "1.0e-2")).toString();
    String seeds = TestSweeps.write(tmp, "seeds.yaml", sweep("[11, 12, 13, 14, 15, 16, 17, 18]", "1.0e-2")).toString();
    String harmful = TestSweeps.write(tmp, "harmful.yaml", sweep("[21, 22, 23, 24, 25, 26, 27, 28]", "1.0e-4")).toString();

    assertEquals(0, Ptune.run(new String[] {"run", first, "--out", out.toString()}));
    String initial = currentRun(sweepDir);
    assertEquals(2, Ptune.run(new String[] {"run", seeds, "--out", out.toString(), "--rerun", "--baseline", "nope"}),
        "an unknown baseline is an argument error, before any trial");
    assertEquals(initial, currentRun(sweepDir), "no run was started");

    // The rerun as two jobs (sweep --rerun, then aggregate), as a scheduler may split it.
    assertEquals(0, Ptune.run(new String[] {"sweep", seeds, "--out", out.toString(), "--rerun"}));
    assertEquals(0, Ptune.run(new String[] {"aggregate", seeds, "--out", out.toString()}),
        "other seeds only: no regression");
    String second = currentRun(sweepDir);
    JsonNode seedsOnly = comparison(sweepDir);
    assertFalse(seedsOnly.get("regressed").asBoolean(), seedsOnly.toPrettyString());
    assertEquals(initial, seedsOnly.get("previous").get("against").asText());
    assertEquals(12, seedsOnly.get("previous").get("cells").size(), "2 selections x 4 score cells + 4 throughput cells");

    assertEquals(6, Ptune.run(new String[] {"run", harmful, "--out", out.toString(), "--rerun", "--baseline", initial}),
        "PT-2 at a learning rate 100x too small: regressed");
    String third = currentRun(sweepDir);
    JsonNode after = comparison(sweepDir);
    assertTrue(after.get("regressed").asBoolean());
    for (String against : List.of("previous", "baseline")) {
      Set<String> flagged = new TreeSet<>();
      for (JsonNode cell : after.get(against).get("cells")) {
        if (cell.get("verdict").asText().equals("regressed")) {
          flagged.add(cell.get("method").asText() + " " + cell.get("task").asText() + " " + cell.get("selection").asText());
        }
      }
      assertEquals(Set.of("pt2 cb selected-on-dev", "pt2 rte selected-on-dev", "pt2 cb selected-on-held-out",
          "pt2 rte selected-on-held-out"), flagged, against + ": exactly PT-2's score cells");
    }
    assertEquals(second, after.get("previous").get("against").asText());
    assertEquals(initial, after.get("baseline").get("against").asText());

    // The history: all three runs with their tables; the reruns with their own trials and checkpoints.
    List<String> runs = new ArrayList<>(List.of(sweepDir.resolve("history").toFile().list()));
    runs.sort(null);
    assertEquals(List.of(initial, second, third), runs);
    for (String run : runs) {
      assertTrue(Files.isRegularFile(sweepDir.resolve("history").resolve(run).resolve("tables/comparison.json")), run);
      assertTrue(Files.isRegularFile(sweepDir.resolve("history").resolve(run).resolve("trials/trials.parquet")), run);
    }
    assertEquals(Files.readString(sweepDir.resolve("history").resolve(third).resolve("tables/results.csv")),
        Files.readString(sweepDir.resolve("tables/results.csv")), "tables/ shows the latest run");
    SparkSession spark = SparkSession.builder().master("local[1]").config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1").getOrCreate();
    try {
      List<Row> latest = spark.read().parquet(sweepDir.resolve("trials/trials.parquet").toString())
          .selectExpr("seed", "checkpoint_path").collectAsList();
      assertEquals(32, latest.size());
      for (Row r : latest) {
        assertTrue(r.getLong(0) >= 21, "trials/ shows the latest run's seeds: " + r);
        String ckpt = r.getString(1);
        assertTrue(ckpt.contains("/history/" + third + "/checkpoints/"), ckpt);
        assertTrue(Files.isRegularFile(Path.of(java.net.URI.create(ckpt)).resolve("prompt.bin")), ckpt);
      }
      for (Row r : spark.read().parquet(sweepDir.resolve("history").resolve(initial).resolve("trials/trials.parquet")
          .toString()).selectExpr("seed", "checkpoint_path").collectAsList()) {
        assertTrue(r.getLong(0) <= 8, "the initial run's trials are kept: " + r);
        assertTrue(Files.isRegularFile(Path.of(java.net.URI.create(r.getString(1))).resolve("prompt.bin")),
            "the initial run's checkpoints stay readable: " + r.getString(1));
      }
    } finally {
      spark.stop();
    }
    String report = Files.readString(sweepDir.resolve("tables/report.html"));
    assertTrue(report.contains("Regressed (4)"), "the report's comparison section");
    assertTrue(report.contains("href=\"../history/" + third + "/checkpoints/"), "relative links to the rerun's checkpoints");
    assertTrue(Files.isRegularFile(sweepDir.resolve("plots/history.svg")));
  }

  private static String currentRun(Path sweepDir) throws IOException {
    return new ObjectMapper().readTree(sweepDir.resolve("RUN").toFile()).get("id").asText();
  }

  private static JsonNode comparison(Path sweepDir) throws IOException {
    return new ObjectMapper().readTree(sweepDir.resolve("tables/comparison.json").toFile());
  }
}
