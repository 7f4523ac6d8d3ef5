package ptune.metrics;

import java.util.Set;
import java.util.TreeSet;

/**
 * Metrics over predicted and gold class indices, as scikit-learn computes them (which is what the
 * GLUE/SuperGLUE metric scripts call). A ratio with a zero denominator counts as 0, scikit-learn's
 * {@code zero_division} default.
 */
public final class ClassificationMetrics {

  private ClassificationMetrics() {}

  public static double accuracy(int[] predicted, int[] gold) {
    checkSameLength(predicted, gold);
    if (gold.length == 0) {
      return 0;
    }
    int correct = 0;
    for (int i = 0; i < gold.length; i++) {
      if (predicted[i] == gold[i]) {
        correct++;
      }
    }
    return (double) correct / gold.length;
  }

  /** F1 of one class against the rest (binary F1 with {@code positive} = 1 for MRPC, QQP, MultiRC). */
  public static double f1(int[] predicted, int[] gold, int positive) {
    checkSameLength(predicted, gold);
    long truePositive = 0;
    long predictedPositive = 0;
    long goldPositive = 0;
    for (int i = 0; i < gold.length; i++) {
      if (predicted[i] == positive) {
        predictedPositive++;
      }
      if (gold[i] == positive) {
        goldPositive++;
        if (predicted[i] == positive) {
          truePositive++;
        }
      }
    }
    return F1.of(truePositive, predictedPositive, goldPositive);
  }

  /**
   * Unweighted mean of per-class F1 over the classes that occur in gold or predictions
   * (scikit-learn {@code average="macro"}, used for CB and MultiRC's per-question F1).
   */
  public static double macroF1(int[] predicted, int[] gold) {
    checkSameLength(predicted, gold);
    Set<Integer> classes = new TreeSet<>();
    for (int i = 0; i < gold.length; i++) {
      classes.add(gold[i]);
      classes.add(predicted[i]);
    }
    if (classes.isEmpty()) {
      return 0;
    }
    double sum = 0;
    for (int c : classes) {
      sum += f1(predicted, gold, c);
    }
    return sum / classes.size();
  }

  /**
   * Matthews correlation for any number of classes (scikit-learn's multiclass formula; CoLA is
   * binary), 0 when undefined, e.g. when all predictions are one class.
   */
  public static double matthews(int[] predicted, int[] gold) {
    checkSameLength(predicted, gold);
    int classes = 0;
    for (int i = 0; i < gold.length; i++) {
      classes = Math.max(classes, Math.max(gold[i], predicted[i]) + 1);
    }
    long[] predictedCount = new long[classes];
    long[] goldCount = new long[classes];
    long correct = 0;
    for (int i = 0; i < gold.length; i++) {
      predictedCount[predicted[i]]++;
      goldCount[gold[i]]++;
      if (predicted[i] == gold[i]) {
        correct++;
      }
    }
    double samples = gold.length;
    double covariance = correct * samples;
    double predictedSquares = samples * samples;
    double goldSquares = samples * samples;
    for (int c = 0; c < classes; c++) {
      covariance -= (double) predictedCount[c] * goldCount[c];
      predictedSquares -= (double) predictedCount[c] * predictedCount[c];
      goldSquares -= (double) goldCount[c] * goldCount[c];
    }
    double denominator = Math.sqrt(predictedSquares * goldSquares);
    return denominator == 0 ? 0 : covariance / denominator;
  }

  static void checkSameLength(int[] predicted, int[] gold) {
    if (predicted.length != gold.length) {
      throw new IllegalArgumentException(predicted.length + " predictions for " + gold.length + " gold labels");
    }
  }
}
