package ptune.tables;

/**
 * What a reader needs to judge a task's scores: its metric, the majority-class dev score (points)
 * and the dev size, hence what one dev example is worth.
 */
public record TaskInfo(String task, String metric, Double majority, Integer devSize) {

  /** Dev sets below this size get a "one example = x points" row. */
  static final int SMALL_DEV_SET = 1000;

  public Double pointsPerExample() {
    return devSize == null || devSize == 0 ? null : 100.0 / devSize;
  }

  public boolean smallDevSet() {
    return devSize != null && devSize > 0 && devSize < SMALL_DEV_SET;
  }
}
