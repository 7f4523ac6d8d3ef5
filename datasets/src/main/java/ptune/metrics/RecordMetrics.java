package ptune.metrics;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ptune.dataset.PairSource.RecordSource;

/**
 * ReCoRD: for each query the candidate with the highest score is the prediction, scored by the
 * maximum over gold answers of SQuAD token F1 and exact match, averaged over queries (the official
 * code's "f1" and "exact_match").
 */
public final class RecordMetrics {

  private RecordMetrics() {}

  /**
   * @param candidates one per candidate example, with its query id, text and gold answers
   * @param scores the model's score for "is the answer" per candidate
   */
  public static Map<String, Double> score(List<RecordSource> candidates, double[] scores) {
    if (candidates.size() != scores.length) {
      throw new IllegalArgumentException(scores.length + " scores for " + candidates.size() + " candidates");
    }
    Map<String, Integer> bestByQuery = new LinkedHashMap<>();
    for (int i = 0; i < scores.length; i++) {
      // Ties keep the first candidate, so results do not depend on hash order.
      bestByQuery.merge(candidates.get(i).queryId(), i, (best, next) -> scores[next] > scores[best] ? next : best);
    }
    double f1 = 0;
    double exact = 0;
    for (int best : bestByQuery.values()) {
      RecordSource chosen = candidates.get(best);
      f1 += SquadScoring.maxF1(chosen.candidate(), chosen.goldAnswers());
      exact += SquadScoring.maxExactMatch(chosen.candidate(), chosen.goldAnswers());
    }
    int queries = bestByQuery.size();
    Map<String, Double> metrics = new LinkedHashMap<>();
    metrics.put("f1", queries == 0 ? 0 : f1 / queries);
    metrics.put("exact_match", queries == 0 ? 0 : exact / queries);
    return metrics;
  }
}
