package ptune.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SweepStatusTest {

  private static FinishedTrial trial(String id, String backbone, String method, String task, String status, Double dev) {
    return new FinishedTrial(id, backbone, method, task, status, dev, dev == null ? 0 : 2, 3, 40, null);
  }

  @Test
  void countsBestSoFarAndEtaFromTheFinishedTrials() {
    List<FinishedTrial> finished = List.of(
        trial("a", "minilm", "ft", "cb", "COMPLETED", 0.5),
        trial("b", "minilm", "ft", "cb", "COMPLETED", 0.625),
        trial("c", "minilm", "pt2", "cb", "DIVERGED", 0.4),
        trial("d", "minilm", "pt2", "rte", "FAILED", null));
    SweepStatus s = SweepStatus.of("qs", 10, finished, 2, Duration.ofSeconds(100));
    // 4 done in 100 s: 25 s per trial, 6 left
    assertEquals(Duration.ofSeconds(150), s.eta().orElseThrow());
    assertEquals(List.of(
        "[qs] 4/10 trials done, 2 running, 1 failed, 1 diverged | elapsed 1m40s, ETA 2m30s",
        "  cb  best dev ft 62.5  pt2 40.0"), s.terminalLines());
    assertEquals("[qs] 4/10 trials done, 2 running, 1 failed, 1 diverged | elapsed 1m40s, ETA 2m30s;"
        + " best dev cb: ft 62.5  pt2 40.0", s.plainLine());
  }

  @Test
  void noEtaBeforeTheFirstTrialAndHoursForLongSweeps() {
    SweepStatus start = SweepStatus.of("qs", 3, List.of(), 1, Duration.ofSeconds(5));
    assertEquals("[qs] 0/3 trials done, 1 running, 0 failed, 0 diverged | elapsed 0m05s, ETA ?", start.plainLine());
    assertEquals(1, start.terminalLines().size());
    SweepStatus later = SweepStatus.of("qs", 3, List.of(trial("a", "b", "ft", "cb", "COMPLETED", 0.5)), 1,
        Duration.ofMinutes(50));
    assertTrue(later.plainLine().endsWith("elapsed 50m00s, ETA 1h40m; best dev cb: ft 50.0"), later.plainLine());
  }

  @Test
  void rowsNameTheBackboneWhenThereAreSeveral() {
    SweepStatus s = SweepStatus.of("qs", 2, List.of(
        trial("a", "minilm-l6", "pt2", "cb", "COMPLETED", 0.7),
        trial("b", "bert-base", "pt2", "cb", "COMPLETED", 0.8)), 0, Duration.ofSeconds(60));
    assertEquals(List.of(
        "[qs] 2/2 trials done, 0 running, 0 failed, 0 diverged | elapsed 1m00s, ETA 0m00s",
        "  bert-base cb  best dev pt2 80.0",
        "  minilm-l6 cb  best dev pt2 70.0"), s.terminalLines());
  }

  @Test
  void aFailedTrialLineHasTheFirstLineOfItsErrorAndWhereTheRestIs() {
    FinishedTrial failed = FinishedTrial.fromRow("""
        {"trial_id":"abc","backbone":"minilm-l6","method":"pt2","task":"rte","status":"FAILED",
         "error":"java.lang.IllegalStateException: out of memory\\n\\tat ptune.X.y(X.java:1)\\n","dev_score":null,
         "best_epoch":0,"epochs_run":0,"seconds":3.2}""");
    assertEquals("trial abc (minilm-l6 pt2 rte): FAILED in 3 s: java.lang.IllegalStateException: out of memory"
        + " [full error: /out/qs/trials/parts/abc.json]", failed.line("/out/qs/trials/parts/abc.json"));
    FinishedTrial done = FinishedTrial.fromRow("""
        {"trial_id":"def","backbone":"minilm-l6","method":"ft","task":"cb","status":"COMPLETED","error":null,
         "dev_score":0.6071,"best_epoch":2,"epochs_run":3,"seconds":41.0}""");
    assertEquals("trial def (minilm-l6 ft cb): COMPLETED in 41 s, dev 60.7 at epoch 2 of 3", done.line("unused"));
    FinishedTrial stopped = FinishedTrial.fromRow("""
        {"trial_id":"ghi","backbone":"minilm-l6","method":"pt2","task":"conll03","status":"STOPPED","error":null,
         "dev_score":0.494,"best_epoch":3,"epochs_run":3,"seconds":37.0}""");
    assertEquals("trial ghi (minilm-l6 pt2 conll03): STOPPED in 37 s, dev 49.4 at epoch 3 of 3 trained so far"
        + " (at its rung: the scheduler promotes it or leaves it stopped)", stopped.line("unused"));
  }
}
