package ptune.tables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResultTableTest {

  private static TrialRecord trial(String method, long seed, String lr, double dev, double heldOut, double last) {
    return new TrialRecord("id" + method + seed + lr, "b", method, "cb", seed, Map.of("lr", lr), "COMPLETED",
        "accuracy", dev, last, heldOut, null, 0.5, 56);
  }

  @Test
  void picksBestGridPointByMeanOverSeedsAndReportsMeanAndStd() {
    List<TrialRecord> records = List.of(
        trial("pt2", 1, "0.01", 0.80, 0.60, 0.70), trial("pt2", 2, "0.01", 0.90, 0.60, 0.72),
        trial("pt2", 1, "0.005", 0.86, 0.70, 0.75), trial("pt2", 2, "0.005", 0.82, 0.72, 0.77),
        new TrialRecord("f", "b", "pt2", "cb", 3, Map.of("lr", "0.01"), "FAILED", null, null, null, null, null, null, null));
    ResultTable dev = ResultTable.build(records, Selection.DEV_BEST_EPOCH);
    Cell c = dev.cell("b", "pt2", "cb");
    assertEquals(85.0, c.mean(), 1e-9); // lr 0.01: (80 + 90) / 2 = 85 beats 84
    assertEquals(Math.sqrt(50), c.std(), 1e-9);
    assertEquals(2, c.seeds());
    assertNull(c.testMean());
    Cell held = ResultTable.build(records, Selection.HELD_OUT).cell("b", "pt2", "cb");
    assertEquals(76.0, held.mean(), 1e-9); // lr 0.005 wins on held-out; final-epoch dev 75, 77
    assertEquals(50.0, dev.taskInfo().get("cb").majority(), 1e-9);
    assertEquals(100.0 / 56, dev.taskInfo().get("cb").pointsPerExample(), 1e-9);
    String md = TableRenderer.markdown(dev, PublishedResults.load());
    assertTrue(md.contains("85.0 ± 7.1 (2)"), md);
    assertTrue(md.contains("1.79 pts (n=56)"), md);
    assertTrue(md.contains("94.6*"), "unverified paper numbers are marked: " + md);
  }

  private static TrialRecord ner(long seed, String lr, double dev, Double test) {
    return new TrialRecord("ner" + seed + lr, "b", "pt2", "conll03", seed, Map.of("lr", lr), "COMPLETED",
        "f1", dev, dev, null, test, 0.0, 3250);
  }

  @Test
  void tasksWithALabelledTestSplitReportTestAtTheGridPointSelectedOnDev() {
    List<TrialRecord> records = List.of(
        ner(1, "0.01", 0.80, 0.70), ner(2, "0.01", 0.82, 0.74), // best on dev
        ner(1, "0.005", 0.70, 0.90), ner(2, "0.005", 0.72, 0.92), // best on test: must not win
        trial("pt2", 1, "0.01", 0.80, 0.60, 0.70));
    ResultTable test = ResultTable.build(records, Selection.DEV_BEST_EPOCH_TEST);
    assertEquals(List.of("conll03"), test.tasks(), "only tasks with test scores get a test column");
    Cell c = test.cell("b", "pt2", "conll03");
    assertEquals(72.0, c.mean(), 1e-9);
    assertEquals(Math.sqrt(8), c.std(), 1e-9);
    assertEquals("{lr=0.01}", c.gridPoint());
    assertNull(test.cell("b", "pt2", "cb"));
    String md = TableRenderer.markdown(test, PublishedResults.load());
    assertTrue(md.contains("CONLL03 (f1, test)") && md.contains("72.0 ± 2.8 (2)"), md);
    assertTrue(md.contains("majority class (dev)") && !md.contains("1 dev example"), md);

    ResultTable dev = ResultTable.build(records, Selection.DEV_BEST_EPOCH);
    assertEquals(81.0, dev.cell("b", "pt2", "conll03").mean(), 1e-9);
    assertEquals(72.0, dev.cell("b", "pt2", "conll03").testMean(), 1e-9);
    String devMd = TableRenderer.markdown(dev, PublishedResults.load());
    assertTrue(devMd.contains("CB (accuracy, dev)") && devMd.contains("CONLL03 (f1, dev)"), devMd);
  }

  private static TrialRecord withMajority(long seed, double majority) {
    return new TrialRecord("rte" + seed, "b", "ft", "rte", seed, Map.of("lr", "3e-5"), "COMPLETED",
        "accuracy", 0.55, 0.55, 0.54, null, majority, 277);
  }

  @Test
  void theMajorityRowIsTheHighestOfTheTrialsWhicheverIsReadFirst() {
    // Seed 11's held-out draw flips RTE's near-balanced training majority: 131/277 on dev, not 146/277.
    TrialRecord flipped = withMajority(11, 131 / 277.0);
    TrialRecord usual = withMajority(14, 146 / 277.0);
    for (List<TrialRecord> order : List.of(List.of(flipped, usual), List.of(usual, flipped))) {
      assertEquals(100.0 * 146 / 277, ResultTable.build(order, Selection.DEV_BEST_EPOCH).taskInfo().get("rte").majority(),
          1e-9, "read in the order " + order.stream().map(TrialRecord::seed).toList());
    }
  }
}
