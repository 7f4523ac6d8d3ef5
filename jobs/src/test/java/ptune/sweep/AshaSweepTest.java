package ptune.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ptune.console.Console;
import ptune.results.RungDecisionLog;
import ptune.results.SweepLayout;
import ptune.results.TrialResultStore;
import ptune.results.TrialTable;
import ptune.tables.Cell;
import ptune.tables.ResultTable;
import ptune.tables.PublishedResults;
import ptune.tables.Selection;
import ptune.tables.TableRenderer;
import ptune.tables.TrialRecord;
import ptune.trial.TrialSpec;

/**
 * Successive halving on real Spark (local) with scripted curves ({@link ScriptedCurveRunner}): two
 * brackets (pt2 on cb and on rte) of 9 grid points x 2 seeds, 9 epochs, grace 1, eta 3, so rungs at
 * epochs 1, 3 and 9. The rte bracket's continued trials fail on the first run (the sweep stops
 * there, as a killed driver would leave it); the rerun continues with the recorded promotions.
 */
class AshaSweepTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<Integer> PREFIX = List.of(8, 2, 16, 4, 32, 1, 64, 12, 6);
  static SparkSession spark;

  @BeforeAll
  static void start() {
    spark = SparkSession.builder().master("local[1]").config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.task.maxFailures", "1").config("spark.sql.shuffle.partitions", "1").getOrCreate();
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  private static SweepConfig config(Path dir) throws Exception {
    String yaml = """
        name: asha
        runner: ptune.sweep.ScriptedCurveRunner
        data_dir: %s
        backbones: [minilm-l6]
        methods: [pt2]
        tasks: [cb, rte]
        seeds: [1, 2]
        hyperparameter_types: {run_log: string, fail_continuing_while: string}
        grid:
          epochs: 9
          prefix_len: %s
          run_log: %s
          fail_continuing_while: %s
        scheduler: {type: asha, grace_epochs: 1, reduction_factor: 3, metric: dev}
        """.formatted(dir, PREFIX, dir.resolve("runs.log"), dir.resolve("blocker"));
    return SweepConfigReader.parse(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "asha.yaml");
  }

  private static SweepReport sweep(SweepConfig config, SweepLayout layout, ByteArrayOutputStream out) {
    PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
    return new DistributedSweep(spark, new Console(print, print, false), Duration.ofMillis(200)).run(config, layout, false);
  }

  @Test
  void promotesTheBestGridPointsByTheirMeanOverSeedsAndAnInterruptedSweepContinuesWithTheSamePromotions(
      @TempDir Path dir) throws Exception {
    SweepConfig config = config(dir);
    SweepLayout layout = SweepLayout.of(dir.resolve("out").toString(), "asha");
    Files.writeString(dir.resolve("blocker"), "rte trials fail when they continue");

    ByteArrayOutputStream first = new ByteArrayOutputStream();
    SweepReport interrupted = sweep(config, layout, first);
    String console = first.toString(StandardCharsets.UTF_8);
    // cb ran all its rungs; rte's promoted trials (3 points x 2 seeds) failed at rung 2.
    assertEquals(6, interrupted.failedCount(), interrupted.toString());
    assertTrue(console.contains("sweep asha: rungs: minilm-l6 pt2 cb rung 1 (epoch 1): 9 grid points, 3 promoted, 6 stopped, best 31.0"),
        console);
    assertTrue(console.contains("minilm-l6 pt2 cb rung 2 (epoch 3): 3 grid points, 1 promoted, 2 stopped"), console);
    assertTrue(console.contains("minilm-l6 pt2 rte rung 2 (epoch 3): 3 grid points, 0 of 6 trials trained"), console);
    // What the synchronous rungs cost, per job and in total (local[1]: one slot).
    assertTrue(console.contains("sweep asha: rungs: job of 36 trial(s): "), console);
    assertTrue(console.matches("(?s).*sweep asha: rungs: [0-9.]+ s on 1 slot\\(s\\): trials trained [0-9.]+ slot-s, idle [0-9.]+ slot-s.*"),
        console);
    RungDecisionLog log = new RungDecisionLog(layout);
    assertTrue(log.read("minilm-l6 pt2 rte", 0).isPresent());
    assertFalse(log.read("minilm-l6 pt2 rte", 1).isPresent(), "rte's rung 2 is not decided while its trials failed");
    List<String> rungOne = log.read("minilm-l6 pt2 rte", 0).orElseThrow().promoted();

    Files.delete(dir.resolve("blocker"));
    ByteArrayOutputStream second = new ByteArrayOutputStream();
    SweepReport rerun = sweep(config, layout, second);
    assertEquals(0, rerun.failedCount(), rerun.toString());
    assertEquals(32, rerun.stopped(), rerun.toString());
    assertEquals(rungOne, log.read("minilm-l6 pt2 rte", 0).orElseThrow().promoted(), "the recorded decision stands");

    for (String task : List.of("cb", "rte")) {
      String bracket = "minilm-l6 pt2 " + task;
      // Ranked by the mean over seeds: prefix_len 32's seed 1 beats every point, its mean ranks 8th.
      assertEquals(List.of(64, 16, 12), prefixes(log.read(bracket, 0).orElseThrow().promoted()), bracket);
      assertEquals(List.of(64), prefixes(log.read(bracket, 1).orElseThrow().promoted()), bracket);
    }

    // Every trial-epoch trained once: each run of a trial starts after the last one ended.
    Map<String, Integer> trainedTo = new HashMap<>();
    int trialEpochs = 0;
    for (String line : Files.readAllLines(dir.resolve("runs.log"))) {
      String[] f = line.split(" ");
      int from = Integer.parseInt(f[1]);
      int to = Integer.parseInt(f[2]);
      assertEquals(trainedTo.getOrDefault(f[0], 0) + 1, from, "run " + line + " repeats or skips epochs");
      trainedTo.put(f[0], to);
      trialEpochs += to - from + 1;
    }
    // Per bracket: 18 trials x 1 epoch, 6 x 2 more (to 3), 2 x 6 more (to 9); the full grid is 18 x 9.
    assertEquals(2 * (18 + 12 + 12), trialEpochs);

    TrialResultStore.PartScan scan = new TrialResultStore(layout).scan();
    Map<String, Integer> statusCounts = new TreeMap<>();
    scan.statuses().values().forEach(s -> statusCounts.merge(s, 1, Integer::sum));
    assertEquals(Map.of("COMPLETED", 4, "STOPPED", 32), statusCounts);
    for (TrialSpec spec : GridExpander.expand(config)) {
      JsonNode row = JSON.readTree(scan.rows().get(spec.trialId()));
      int prefix = spec.getInt("prefix_len", 0);
      int epochs = prefix == 64 ? 9 : prefix == 16 || prefix == 12 ? 3 : 1;
      assertEquals(prefix == 64 ? "COMPLETED" : "STOPPED", row.get("status").asText(), spec.toString());
      assertEquals(epochs, row.get("epochs_run").asInt(), spec.toString());
      assertEquals(epochs, row.get("best_epoch").asInt(), "rising curves peak at their last epoch: " + spec);
      for (int e = 1; e <= epochs; e++) {
        assertEquals(ScriptedCurveRunner.score(spec, e), row.get("dev_scores").get(e - 1).asDouble(), 1e-12);
      }
    }

    // The tables use the trials that ran to the end, and say how many were stopped.
    List<TrialRecord> records = TrialRecord.collect(TrialTable.read(spark, List.of(layout)));
    ResultTable table = ResultTable.build(records, Selection.DEV_BEST_EPOCH);
    assertEquals(32, table.stopped());
    Cell cb = table.cell("minilm-l6", "pt2", "cb");
    assertEquals(2, cb.seeds());
    assertTrue(cb.gridPoint().contains("prefix_len=64"), cb.gridPoint());
    String markdown = TableRenderer.markdown(table, PublishedResults.load());
    assertTrue(markdown.contains("Left out: 32 trial(s) stopped at a rung by the successive-halving scheduler"), markdown);

    // A third run finds nothing to train.
    long logged = Files.readAllLines(dir.resolve("runs.log")).size();
    SweepReport third = sweep(config, layout, new ByteArrayOutputStream());
    assertEquals(0, third.ran(), third.toString());
    assertEquals(logged, Files.readAllLines(dir.resolve("runs.log")).size());
  }

  @Test
  void aRecordedDecisionIsFollowedNotRecomputedAndOneForAnotherGridIsAnError(@TempDir Path dir) throws Exception {
    SweepConfig config = config(dir);
    SweepLayout layout = SweepLayout.of(dir.resolve("out").toString(), "asha");
    List<TrialSpec> cb = GridExpander.expand(config).stream().filter(t -> t.task().equals("cb")).toList();
    Map<String, Double> scores = new java.util.LinkedHashMap<>();
    cb.forEach(t -> scores.put(AshaScheduler.gridPoint(t), 0.0));
    List<String> worst = cb.stream().filter(t -> t.seed() == 1 && t.getInt("prefix_len", 0) <= 4)
        .sorted(java.util.Comparator.comparing(t -> t.getInt("prefix_len", 0))).map(AshaScheduler::gridPoint).toList();
    RungDecisionLog log = new RungDecisionLog(layout);
    // Decided against the curves, and before any trial trained: the stopped points still train to
    // the rung (their curves are recorded), the promoted ones on.
    log.write(new RungDecisionLog.Decision("minilm-l6 pt2 cb", 0, 1, "dev", scores, worst));
    log.write(new RungDecisionLog.Decision("minilm-l6 pt2 rte", 0, 1, "dev", Map.of("lr=1", 0.0), List.of("lr=1")));

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    IllegalStateException changed = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
        () -> sweep(config, layout, out));
    assertTrue(changed.getMessage().contains("minilm-l6 pt2 rte rung 1 ranked other grid points than the sweep has now"),
        changed.getMessage());

    new RungDecisionLog(layout).clear();
    log.write(new RungDecisionLog.Decision("minilm-l6 pt2 cb", 0, 1, "dev", scores, worst));
    SweepReport report = sweep(config, layout, out);
    assertEquals(0, report.failedCount(), report.toString());
    assertEquals(List.of(1, 2, 4), prefixes(log.read("minilm-l6 pt2 cb", 0).orElseThrow().promoted()));
    assertEquals(List.of(4), prefixes(log.read("minilm-l6 pt2 cb", 1).orElseThrow().promoted()));
    TrialResultStore.PartScan scan = new TrialResultStore(layout).scan();
    for (TrialSpec t : cb) {
      assertEquals(t.getInt("prefix_len", 0) == 4 ? "COMPLETED" : "STOPPED", scan.statuses().get(t.trialId()), t.toString());
    }
  }

  private static List<Integer> prefixes(List<String> points) {
    return points.stream().map(p -> Integer.parseInt(p.replaceAll(".*prefix_len=([0-9]+).*", "$1"))).toList();
  }
}
