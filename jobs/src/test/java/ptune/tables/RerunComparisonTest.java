package ptune.tables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import ptune.results.SweepLayout;
import ptune.results.TrialTable;
import ptune.tables.RegressionRule.Verdict;

/**
 * Three publications of the same sweep's real trial rows (parts consolidated by Spark), as three
 * runs: the throughput read from the rows' examples_per_second, a slowdown flagged per cell while
 * the unchanged scores are not, and a pinned baseline compared besides the previous run.
 */
class RerunComparisonTest {

  private static final Path OUT = Path.of("target", "rerun-comparison-test");
  private static final RegressionRule RULE = new RegressionRule(1.0, 10, 0.05);
  static SparkSession spark;

  @BeforeAll
  static void start() throws Exception {
    spark = SparkSession.builder().master("local[1]").config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.sql.shuffle.partitions", "1").getOrCreate();
    if (Files.exists(OUT)) {
      try (var paths = Files.walk(OUT)) {
        for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  /** One backbone, FT and PT-2 on CB and RTE, three seeds, PT-2 on CB with a failed fourth seed. */
  private static SweepFixture small() {
    SweepFixture f = new SweepFixture();
    for (String method : List.of("ft", "pt2")) {
      for (String task : List.of("cb", "rte")) {
        for (long seed = 1; seed <= 3; seed++) {
          double top = (task.equals("cb") ? 0.70 : 0.58) + 0.02 * seed;
          f.add(new SweepFixture.Trial("minilm-l6", method, task, seed, SweepFixture.hp("lr", 0.01),
              ptune.trial.TrialStatus.COMPLETED, new double[] {SweepFixture.accuracy(top - 0.1), SweepFixture.accuracy(top)},
              22_713_216L, null));
        }
      }
    }
    return f.add(new SweepFixture.Trial("minilm-l6", "pt2", "cb", 4, SweepFixture.hp("lr", 0.01),
        ptune.trial.TrialStatus.FAILED, new double[0], 0, "out of memory"));
  }

  private static RunComparisons publish(String runId, double examplesPerSecond, String baseline) throws Exception {
    small().throughput(examplesPerSecond, 0.03).write(spark, OUT, "reruns");
    SweepLayout layout = SweepLayout.of(OUT.toString(), "reruns");
    Dataset<Row> trials = TrialTable.consolidate(spark, layout);
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    return new TablePublisher(spark, quiet).publish(new TablePublisher.Publication(TrialRecord.collect(trials),
        ThroughputCells.of(trials), layout, runId, RULE, "reruns", baseline));
  }

  @Test
  void aSlowdownIsFlaggedPerCellAndTheBaselineIsComparedToo() throws Exception {
    RunComparisons first = publish("20261201T080000.000Z", 30, null);
    assertNull(first.previous());
    assertFalse(first.regressed());
    List<Row> throughput = spark.read().parquet(OUT.resolve("reruns/tables/throughput.parquet").toString()).collectAsList();
    assertEquals(4, throughput.size(), "2 methods x 2 tasks");
    Row pt2Cb = throughput.stream().filter(r -> r.getAs("method").equals("pt2") && r.getAs("task").equals("cb"))
        .findFirst().orElseThrow();
    assertEquals(3, pt2Cb.<Integer>getAs("trials"), "3 seeds; not the failed one");
    assertEquals(30, pt2Cb.<Double>getAs("mean"), 2.0);
    assertTrue(pt2Cb.<Double>getAs("std") > 0, "trials differ in speed");

    RunComparisons same = publish("20261201T090000.000Z", 30, null);
    assertFalse(same.regressed(), "same trials: " + same.markdown());
    assertTrue(same.previous().throughputCompared());

    RunComparisons slower = publish("20261201T100000.000Z", 21, "20261201T080000.000Z");
    assertTrue(slower.regressed());
    for (RunComparison c : List.of(slower.previous(), slower.baseline())) {
      List<CellComparison> flagged = c.with(Verdict.REGRESSED);
      assertEquals(4, flagged.size(), c.against() + ": every throughput cell 30% slower\n" + slower.markdown());
      assertTrue(flagged.stream().allMatch(x -> x.kind() == CellComparison.Kind.THROUGHPUT), "no score cell");
    }
    assertEquals("20261201T090000.000Z", slower.previous().against());
    assertEquals("20261201T080000.000Z", slower.baseline().against());

    JsonNode json = new ObjectMapper().readTree(OUT.resolve("reruns/tables/comparison.json").toFile());
    assertEquals(6, json.get("exit_code").asInt());
    assertEquals("examples/s", json.get("baseline").get("cells").get(0).get("unit").asText());
    assertTrue(Files.readString(OUT.resolve("reruns/history/20261201T100000.000Z/tables/comparison.md"))
        .contains("(throughput) | examples/s |"), "the run's own copy of its comparison");
  }
}
