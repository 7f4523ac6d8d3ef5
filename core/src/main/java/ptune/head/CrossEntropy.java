package ptune.head;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/** Softmax cross-entropy over the last axis, averaged over examples whose label is not -100. */
final class CrossEntropy {
  static final int IGNORE = -100;

  private CrossEntropy() {}

  /**
   * @param logits [N, C]
   * @param labels [N] int64, {@value #IGNORE} to leave an example out (e.g. non-first sub-tokens)
   */
  static NDArray mean(NDArray logits, NDArray labels) {
    NDArray valid = labels.neq(IGNORE);
    NDArray safeLabels = labels.mul(valid.toType(DataType.INT64, false)); // -100 -> class 0, masked
    NDArray logProbs = logits.logSoftmax(-1);
    NDArray picked = logProbs.gather(safeLabels.expandDims(-1), -1).squeeze(-1); // [N]
    NDArray weights = valid.toType(DataType.FLOAT32, false);
    NDArray count = weights.sum().maximum(1f);
    return picked.mul(weights).sum().neg().div(count);
  }
}
