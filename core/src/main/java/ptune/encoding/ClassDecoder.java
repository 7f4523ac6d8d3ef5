package ptune.encoding;

import ptune.metrics.Predictions;

/** Classification and multiple choice: the argmax class per example; regression: the raw score. */
public final class ClassDecoder implements PredictionDecoder {
  private final boolean regression;

  public ClassDecoder(boolean regression) {
    this.regression = regression;
  }

  @Override
  public Predictions decode(float[][] scores) {
    if (regression) {
      double[] values = new double[scores.length];
      for (int i = 0; i < scores.length; i++) {
        values[i] = scores[i][0];
      }
      return new Predictions.Scores(values);
    }
    int[] classes = new int[scores.length];
    for (int i = 0; i < scores.length; i++) {
      classes[i] = argmax(scores[i], 0, scores[i].length);
    }
    return new Predictions.Classes(classes);
  }

  /** Index (relative to {@code from}) of the largest of {@code values[from, from + n)}. */
  static int argmax(float[] values, int from, int n) {
    int best = 0;
    for (int c = 1; c < n; c++) {
      if (values[from + c] > values[from + best]) {
        best = c;
      }
    }
    return best;
  }
}
