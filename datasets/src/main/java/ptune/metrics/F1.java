package ptune.metrics;

/** Precision, recall and F1 from counts; empty denominators give 0. */
public record F1(double precision, double recall, double f1) {

  public static F1 fromCounts(long truePositive, long predicted, long gold) {
    double precision = predicted == 0 ? 0 : (double) truePositive / predicted;
    double recall = gold == 0 ? 0 : (double) truePositive / gold;
    double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
    return new F1(precision, recall, f1);
  }

  public static double of(long truePositive, long predicted, long gold) {
    return fromCounts(truePositive, predicted, gold).f1();
  }
}
