package ptune.encoding;

import ptune.metrics.Predictions;

/** Reads the head's scores on a split's encoder rows as one prediction per gold example. */
@FunctionalInterface
public interface PredictionDecoder {
  /** @param scores per encoder row, in order, as {@link ptune.trainer.Trainer#scores} gives them */
  Predictions decode(float[][] scores);
}
