package ptune.trial;

/**
 * The values a numeric hyperparameter may take, declared with it in {@link Hyperparameters}: a lower
 * bound (inclusive or not) and an optional inclusive upper bound.
 */
public record ValueRange(double min, boolean minInclusive, double max) {

  public static final ValueRange ANY =
      new ValueRange(Double.NEGATIVE_INFINITY, true, Double.POSITIVE_INFINITY);

  public static ValueRange atLeast(double min) {
    return new ValueRange(min, true, Double.POSITIVE_INFINITY);
  }

  public static ValueRange positive() {
    return new ValueRange(0, false, Double.POSITIVE_INFINITY);
  }

  public static ValueRange between(double min, double max) {
    return new ValueRange(min, true, max);
  }

  /** Why {@code value} is out of range, or null when it is in. */
  public String problem(double value) {
    boolean aboveMin = minInclusive ? value >= min : value > min;
    if (aboveMin && value <= max && !Double.isNaN(value)) {
      return null;
    }
    String bound = max == Double.POSITIVE_INFINITY
        ? (minInclusive ? ">= " : "> ") + format(min)
        : "between " + format(min) + " and " + format(max);
    return "must be " + bound + ", got " + format(value);
  }

  private static String format(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }
}
