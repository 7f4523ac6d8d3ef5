package ptune.model;

import ai.djl.ndarray.NDArray;

/**
 * One padded batch as the encoder takes it.
 *
 * @param inputIds [B, T] int64
 * @param tokenTypeIds [B, T] int64
 * @param attentionMask [B, T] int64, 1 for real tokens
 */
public record EncoderInputs(NDArray inputIds, NDArray tokenTypeIds, NDArray attentionMask) {
  public long batchSize() {
    return inputIds.getShape().get(0);
  }
}
