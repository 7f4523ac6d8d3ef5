package ptune.tables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.junit.jupiter.api.Test;
import ptune.tables.RegressionRule.Verdict;

/** Cells are matched by key whatever the row order; verdicts, added/removed cells, Markdown and JSON. */
class RunComparisonTest {

  private static final RegressionRule RULE = new RegressionRule(1.0, 10, 0.05);

  private static Row score(String selection, String backbone, String method, String task, double mean, double std,
      int seeds) {
    return new GenericRowWithSchema(new Object[] {selection, backbone, method, task, "accuracy", mean, std, seeds,
        "{lr=0.01}", null, 50.0, 56, 1.79, null, null, null}, CellRows.SCHEMA);
  }

  private static Row throughput(String backbone, String method, String task, double mean, double std, int trials) {
    return new GenericRowWithSchema(new Object[] {backbone, method, task, mean, std, trials}, ThroughputCells.SCHEMA);
  }

  @Test
  void cellsAreMatchedByKeyNotByPosition() {
    List<Row> before = new ArrayList<>(List.of(
        score("selected-on-dev", "tiny", "ft", "cb", 80, 1, 3),
        score("selected-on-dev", "tiny", "pt2", "cb", 82, 1, 3),
        score("selected-on-dev", "tiny", "pt", "cb", 60, 1, 1),
        score("selected-on-dev", "tiny", "pt", "rte", 55, 1, 3)));
    // Now: PT-2 dropped 10 points, FT unchanged, PT on CB has one seed, a new task, and a shuffled order.
    List<Row> now = new ArrayList<>(List.of(
        score("selected-on-dev", "tiny", "pt2", "cb", 72, 1, 3),
        score("selected-on-dev", "tiny", "pt", "cb", 40, 1, 1),
        score("selected-on-dev", "tiny", "ft", "cb", 80.2, 1, 3),
        score("selected-on-dev", "tiny", "ft", "boolq", 70, 1, 3)));
    Collections.reverse(now);
    RunComparison c = RunComparison.between("run2", "run1", RULE, before, now,
        List.of(throughput("tiny", "ft", "cb", 1000, 10, 6)), List.of(throughput("tiny", "ft", "cb", 700, 10, 6)));

    assertEquals(List.of("tiny PT-2 cb (selected-on-dev)", "tiny FT cb (throughput)"),
        c.with(Verdict.REGRESSED).stream().map(CellComparison::label).toList());
    CellComparison pt2 = c.with(Verdict.REGRESSED).get(0);
    assertEquals(82, pt2.before().mean());
    assertEquals(72, pt2.after().mean());
    assertEquals(List.of("tiny PT cb (selected-on-dev)"), c.with(Verdict.NOT_TESTABLE).stream().map(CellComparison::label).toList());
    assertEquals(List.of("tiny FT cb (selected-on-dev)"), c.with(Verdict.UNCHANGED).stream().map(CellComparison::label).toList());
    assertEquals(List.of("tiny FT boolq (selected-on-dev)"), c.added());
    assertEquals(List.of("tiny PT rte (selected-on-dev)"), c.removed());
    assertTrue(c.regressed());
    assertEquals(3, c.testable());
  }

  @Test
  void theSameCellInTwoSelectionsIsTwoCells() {
    List<Row> before = List.of(score("selected-on-dev", "b", "ft", "cb", 80, 1, 3),
        score("selected-on-held-out", "b", "ft", "cb", 70, 1, 3));
    List<Row> now = List.of(score("selected-on-held-out", "b", "ft", "cb", 70, 1, 3),
        score("selected-on-dev", "b", "ft", "cb", 80, 1, 3));
    RunComparison c = RunComparison.between("r2", "r1", RULE, before, now, null, List.of());
    assertFalse(c.regressed(), "swapped rows must not compare dev with held-out");
    assertEquals(2, c.with(Verdict.UNCHANGED).size());
    assertFalse(c.throughputCompared());
  }

  @Test
  void markdownAndJsonSayTheSameAndEscapeTheData() throws Exception {
    List<Row> before = List.of(score("selected-on-dev", "b|<x>", "pt2", "cb", 82, 1, 3));
    List<Row> now = List.of(score("selected-on-dev", "b|<x>", "pt2", "cb", 72, 1, 3));
    RunComparisons both = new RunComparisons("r2", RULE, RunComparison.between("r2", "r1", RULE, before, now, null,
        List.of()), null);
    String md = both.markdown();
    assertTrue(md.contains("**Regressed** (exit code 6)"), md);
    assertTrue(md.contains("b\\|\\<x\\> PT-2 cb"), "pipes and markup escaped: " + md);
    assertTrue(md.contains("| 82.00 ± 1.00 (3) | 72.00 ± 1.00 (3) | -10.00 |"), md);
    JsonNode json = new ObjectMapper().readTree(both.json());
    assertEquals(6, json.get("exit_code").asInt());
    assertTrue(json.get("regressed").asBoolean());
    JsonNode cell = json.get("previous").get("cells").get(0);
    assertEquals("b|<x>", cell.get("backbone").asText());
    assertEquals("regressed", cell.get("verdict").asText());
    assertEquals(-10, cell.get("delta").asDouble(), 1e-12);
    assertTrue(json.get("baseline").isNull());
  }
}
