package ptune.tables;

import java.util.Collection;
import java.util.Objects;

/**
 * What a reader needs to judge a task's scores: its metric, the majority-class dev score (points)
 * and the dev size, hence what one dev example is worth.
 */
public record TaskInfo(String task, String metric, Double majority, Integer devSize) {

  /**
   * The majority-class yardstick of a task's trials, in points: the highest of their
   * {@link TrialRecord#majorityBaseline()}s, or null when none has one. Each trial scores its own
   * training split's majority class on dev, and the held-out part drawn per seed can flip a
   * near-balanced training set's majority (RTE: 47.3 with one seed, 52.7 with the others), so no
   * single trial's value stands for the task; the highest is the one a method has to beat, and it
   * does not depend on the order the trials were read in.
   */
  static Double majorityOf(Collection<TrialRecord> trials) {
    return trials.stream().map(TrialRecord::majorityBaseline).filter(Objects::nonNull)
        .max(Double::compare).map(v -> 100 * v).orElse(null);
  }

  /** Dev sets below this size get a "one example = x points" row. */
  static final int SMALL_DEV_SET = 1000;

  public Double pointsPerExample() {
    return devSize == null || devSize == 0 ? null : 100.0 / devSize;
  }

  public boolean smallDevSet() {
    return devSize != null && devSize > 0 && devSize < SMALL_DEV_SET;
  }
}
