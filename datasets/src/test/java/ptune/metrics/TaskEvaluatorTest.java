package ptune.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import ptune.dataset.DataDirectory;
import ptune.dataset.Example;
import ptune.dataset.Label;
import ptune.dataset.SentencePairExample;
import ptune.dataset.Split;
import ptune.tasks.TaskRegistry;
import ptune.dataset.TokenTaggingExample;

class TaskEvaluatorTest {

  private static final double EXACT = 1e-12;

  private static List<Example> pairs(int... labels) {
    return java.util.stream.IntStream.range(0, labels.length)
        .mapToObj(i -> (Example) new SentencePairExample(String.valueOf(i), "a", "b", Label.category(labels[i])))
        .toList();
  }

  @Test
  void eachTaskReportsItsOfficialMetricsAndSelectionKey() {
    Evaluation cb = TaskEvaluator.evaluate(TaskRegistry.get("cb"), pairs(0, 1, 2), new Predictions.Classes(new int[] {0, 1, 1}));
    // Accuracy 2/3; macro F1: class 0 -> 1, class 1 (P 1/2, R 1) -> 2/3, class 2 -> 0.
    double f1 = (1 + 2.0 / 3 + 0) / 3;
    // The kind's other metrics follow the official ones (the combined score stays theirs): macro F1
    // is CB's f1; Matthews' multi-class R_K = (c s - sum p_k t_k) / sqrt((s^2 - sum p_k^2)(s^2 - sum t_k^2))
    // with c 2 correct of s 3, predicted counts p (1, 2, 0), true counts t (1, 1, 1): 3 / sqrt(4 * 6).
    assertEquals(Map.of("accuracy", 2.0 / 3, "f1", f1, "combined_score", (2.0 / 3 + f1) / 2,
        "macro_f1", f1, "mcc", 3 / Math.sqrt(24)), cb.metrics());
    assertEquals("accuracy", cb.selectionKey());

    Evaluation cola = TaskEvaluator.evaluate(TaskRegistry.get("cola"), pairs(1, 0), new Predictions.Classes(new int[] {1, 0}));
    assertEquals(1.0, cola.selectionScore(), EXACT);
    assertEquals("mcc", cola.selectionKey());

    Evaluation mrpc = TaskEvaluator.evaluate(TaskRegistry.get("mrpc"), pairs(1, 0), new Predictions.Classes(new int[] {1, 1}));
    // One of two predicted positives is right, the one gold positive is found: F1 2/3.
    // Macro F1: class 1 2/3, class 0 (never predicted) 0; Matthews: no true negative, 0 by convention.
    assertEquals(Map.of("accuracy", 0.5, "f1", 2.0 / 3, "combined_score", (0.5 + 2.0 / 3) / 2,
        "macro_f1", 1.0 / 3, "mcc", 0.0), mrpc.metrics());

    Evaluation conll03 = TaskEvaluator.evaluate(TaskRegistry.get("conll03"),
        List.of(new TokenTaggingExample("s", List.of("Paris"), List.of("B-LOC"), -1)),
        new Predictions.Tags(List.of(List.of("B-LOC"))));
    assertEquals("f1", conll03.selectionKey());
    assertEquals(1.0, conll03.selectionScore(), EXACT);
  }

  @Test
  void stsbReportsPearsonAndSpearman() {
    List<Example> gold = List.of(
        new SentencePairExample("0", "a", "b", Label.score(1)),
        new SentencePairExample("1", "a", "b", Label.score(2)),
        new SentencePairExample("2", "a", "b", Label.score(3)));
    Evaluation stsb = TaskEvaluator.evaluate(TaskRegistry.get("stsb"), gold, new Predictions.Scores(new double[] {1, 3, 2}));
    assertEquals(0.5, stsb.metrics().get("pearson"), EXACT);
    assertEquals(0.5, stsb.metrics().get("spearmanr"), EXACT);
    assertEquals("pearson", stsb.selectionKey());
  }

  @Test
  void predictionsOfTheWrongShapeOrCountAreRejected() {
    assertThrows(IllegalArgumentException.class, () ->
        TaskEvaluator.evaluate(TaskRegistry.get("rte"), pairs(0, 1), new Predictions.Classes(new int[] {0})));
    assertThrows(IllegalArgumentException.class, () ->
        TaskEvaluator.evaluate(TaskRegistry.get("rte"), pairs(0, 1), new Predictions.Scores(new double[] {0, 1})));
  }

  @Test
  void majorityBaselineOnCbPredictsContradictionEverywhere() {
    var cb = TaskRegistry.get("cb");
    Evaluation baseline = MajorityBaseline.evaluate(cb,
        cb.load(Split.TRAIN, DataDirectory.resolve()).examples(), cb.load(Split.DEV, DataDirectory.resolve()).examples());
    // Train majority: contradiction (119 of 250). Dev has 28 contradictions of 56 -> accuracy 1/2;
    // F1 of contradiction: P 1/2, R 1 -> 2/3; entailment and neutral get 0 -> macro 2/9.
    assertEquals(0.5, baseline.metrics().get("accuracy"), EXACT);
    assertEquals(2.0 / 9, baseline.metrics().get("f1"), EXACT);
  }

  @Test
  void majorityBaselineOnRte() {
    var rte = TaskRegistry.get("rte");
    Evaluation baseline = MajorityBaseline.evaluate(rte,
        rte.load(Split.TRAIN, DataDirectory.resolve()).examples(), rte.load(Split.DEV, DataDirectory.resolve()).examples());
    // Train: entailment 1249 > 1241; dev: 146 of 277 are entailment.
    assertEquals(146.0 / 277, baseline.selectionScore(), EXACT);
  }
}
