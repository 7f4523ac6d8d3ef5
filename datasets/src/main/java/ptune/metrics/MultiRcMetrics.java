package ptune.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * MultiRC's official metrics over answer options grouped by question: F1a, binary F1 over all
 * answer options (the official code's "f1"); exact match, the share of questions whose options are
 * all predicted right; F1m, the mean over questions of the per-question macro F1.
 */
public final class MultiRcMetrics {

  private MultiRcMetrics() {}

  /**
   * @param questionGroups per answer option, the id of its question
   */
  public static Map<String, Double> score(int[] predicted, int[] gold, List<String> questionGroups) {
    ClassificationMetrics.checkSameLength(predicted, gold);
    if (questionGroups.size() != gold.length) {
      throw new IllegalArgumentException(questionGroups.size() + " groups for " + gold.length + " options");
    }
    Map<String, List<Integer>> optionsByQuestion = new LinkedHashMap<>();
    for (int i = 0; i < gold.length; i++) {
      optionsByQuestion.computeIfAbsent(questionGroups.get(i), k -> new ArrayList<>()).add(i);
    }
    double exact = 0;
    double macroF1Sum = 0;
    for (List<Integer> options : optionsByQuestion.values()) {
      int[] p = options.stream().mapToInt(i -> predicted[i]).toArray();
      int[] g = options.stream().mapToInt(i -> gold[i]).toArray();
      exact += ClassificationMetrics.accuracy(p, g) == 1 ? 1 : 0;
      macroF1Sum += ClassificationMetrics.macroF1(p, g);
    }
    int questions = optionsByQuestion.size();
    double f1a = ClassificationMetrics.f1(predicted, gold, 1);
    Map<String, Double> metrics = new LinkedHashMap<>();
    metrics.put("f1", f1a);
    metrics.put("f1a", f1a);
    metrics.put("exact_match", questions == 0 ? 0 : exact / questions);
    metrics.put("f1m", questions == 0 ? 0 : macroF1Sum / questions);
    return metrics;
  }
}
