package ptune.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import ptune.dataset.PairSource.RecordSource;

/** MultiRC and ReCoRD, whose metrics group binary examples by question or query. */
class GroupedMetricsTest {

  private static final double EXACT = 1e-12;

  @Test
  void multiRc() {
    // Question A: gold 1 0 1, predicted 1 0 0. Question B (all options false): gold 0 0, predicted 0 0.
    // Question C: gold 0 1, predicted 1 1.
    int[] gold = {1, 0, 1, 0, 0, 0, 1};
    int[] predicted = {1, 0, 0, 0, 0, 1, 1};
    List<String> questions = List.of("A", "A", "A", "B", "B", "C", "C");
    Map<String, Double> metrics = MultiRcMetrics.score(predicted, gold, questions);
    // F1a: TP 2 (A0, C1), 3 predicted, 3 gold positives -> 2/3.
    assertEquals(2.0 / 3, metrics.get("f1a"), EXACT);
    assertEquals(metrics.get("f1a"), metrics.get("f1"));
    // Only B has every option right.
    assertEquals(1.0 / 3, metrics.get("exact_match"), EXACT);
    // Per-question macro F1: A (2/3 + 2/3) / 2 = 2/3; B has only class 0, all right -> 1;
    // C class 1 P 1/2 R 1 -> 2/3 and class 0 -> 0, so 1/3. Mean (2/3 + 1 + 1/3) / 3 = 2/3.
    assertEquals(2.0 / 3, metrics.get("f1m"), EXACT);
  }

  @Test
  void recordTakesTheTopScoredCandidatePerQuery() {
    List<String> q1Gold = List.of("Ann Smith", "Smith");
    List<String> q2Gold = List.of("York City");
    List<RecordSource> candidates = List.of(
        new RecordSource("q1", "Bob", q1Gold),
        new RecordSource("q1", "Ann Smith", q1Gold),
        new RecordSource("q1", "Carl", q1Gold),
        new RecordSource("q2", "New York", q2Gold),
        new RecordSource("q2", "York", q2Gold));
    Map<String, Double> metrics = RecordMetrics.score(candidates, new double[] {0.2, 0.9, 0.1, 0.7, 0.3});
    // q1 picks "Ann Smith": EM 1, F1 1. q2 picks "New York" vs "York City": 1 common token of 2 and 2 -> F1 1/2.
    assertEquals(0.75, metrics.get("f1"), EXACT);
    assertEquals(0.5, metrics.get("exact_match"), EXACT);
  }
}
