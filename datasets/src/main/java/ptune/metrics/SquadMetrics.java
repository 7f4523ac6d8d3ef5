package ptune.metrics;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ptune.dataset.SpanExtractionExample;

/**
 * SQuAD 1.1 / 2.0 exact match and F1 over questions. An unanswerable question's gold is the empty
 * answer, so it scores 1 only when the prediction is empty too. With unanswerable questions present
 * the split into "HasAns_" and "NoAns_" scores is reported as well, like the 2.0 script. A question
 * without a prediction counts as predicted empty.
 */
public final class SquadMetrics {

  private SquadMetrics() {}

  public static Map<String, Double> score(List<SpanExtractionExample> gold, Map<String, String> predictions) {
    double exact = 0;
    double f1 = 0;
    double[] hasAns = new double[3];
    double[] noAns = new double[3];
    for (SpanExtractionExample example : gold) {
      String predicted = predictions.getOrDefault(example.id(), "");
      List<String> answers = example.impossible() ? List.of("") : example.answerTexts();
      if (answers.isEmpty()) {
        throw new IllegalArgumentException("question " + example.id() + " has no gold answer");
      }
      double questionExact = SquadScoring.maxExactMatch(predicted, answers);
      double questionF1 = SquadScoring.maxF1(predicted, answers);
      exact += questionExact;
      f1 += questionF1;
      double[] bucket = example.impossible() ? noAns : hasAns;
      bucket[0]++;
      bucket[1] += questionExact;
      bucket[2] += questionF1;
    }
    Map<String, Double> metrics = new LinkedHashMap<>();
    int total = gold.size();
    metrics.put("exact_match", total == 0 ? 0 : exact / total);
    metrics.put("f1", total == 0 ? 0 : f1 / total);
    if (noAns[0] > 0) {
      putBucket(metrics, "HasAns_", hasAns);
      putBucket(metrics, "NoAns_", noAns);
    }
    return metrics;
  }

  private static void putBucket(Map<String, Double> metrics, String prefix, double[] bucket) {
    metrics.put(prefix + "total", bucket[0]);
    metrics.put(prefix + "exact", bucket[0] == 0 ? 0 : bucket[1] / bucket[0]);
    metrics.put(prefix + "f1", bucket[0] == 0 ? 0 : bucket[2] / bucket[0]);
  }
}
