package ptune.trainer;

import java.util.Map;

/** Turns the head's scores on the dev examples into the task's official metrics. */
public interface DevScorer {
  /**
   * @param scores per dev example, in input order, as {@link Trainer#scores} returns them
   * @return all official metrics; must contain {@link #selectionMetric()}
   */
  Map<String, Double> score(float[][] scores);

  /** The metric that picks the best epoch (accuracy, f1, mcc, pearson, ...). */
  String selectionMetric();
}
