package ptune.predict;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ptune.dataset.Example;
import ptune.dataset.SentencePairExample;
import ptune.metrics.ClassificationMetrics;
import ptune.metrics.Predictions;

/**
 * Every classification metric ptune has, for any classification task, beside the task's official
 * ones: accuracy, macro-F1 and Matthews correlation (binary F1 of class 1 too, for two classes).
 * Official keys keep their official meaning (CB's "f1" is macro-F1, MRPC's binary F1).
 */
final class KindMetrics {
  private KindMetrics() {}

  /** The official metrics plus the kind's; unchanged for predictions that are not classes. */
  static Map<String, Double> withKindMetrics(Map<String, Double> official, List<Example> gold,
      Predictions predictions, int numLabels) {
    Map<String, Double> out = new LinkedHashMap<>(official);
    if (!(predictions instanceof Predictions.Classes classes)
        || !gold.stream().allMatch(e -> e instanceof SentencePairExample)) {
      return out;
    }
    int[] predicted = classes.labels();
    int[] expected = gold.stream().mapToInt(e -> ((SentencePairExample) e).label().index()).toArray();
    out.putIfAbsent("accuracy", ClassificationMetrics.accuracy(predicted, expected));
    out.putIfAbsent("macro_f1", ClassificationMetrics.macroF1(predicted, expected));
    out.putIfAbsent("mcc", ClassificationMetrics.matthews(predicted, expected));
    if (numLabels == 2) {
      out.putIfAbsent("f1", ClassificationMetrics.f1(predicted, expected, 1));
    }
    return out;
  }
}
