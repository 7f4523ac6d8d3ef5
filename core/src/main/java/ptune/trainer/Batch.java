package ptune.trainer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import ptune.method.EncoderInputs;

/**
 * A padded batch: every row of every example padded to the longest row in the batch (dynamic
 * padding), rows of one example consecutive.
 */
public record Batch(EncoderInputs inputs, NDArray labels, int size) {

  public static Batch collate(List<EncodedExample> examples, int padId, NDManager manager) {
    int rowsPerExample = examples.get(0).rows();
    int rows = examples.size() * rowsPerExample;
    int t = 0;
    for (EncodedExample e : examples) {
      if (e.rows() != rowsPerExample) {
        throw new IllegalArgumentException("examples in one batch need the same number of rows");
      }
      t = Math.max(t, e.maxLength());
    }
    long[] ids = new long[rows * t];
    long[] types = new long[rows * t];
    long[] mask = new long[rows * t];
    float[] labels = new float[examples.size()];
    java.util.Arrays.fill(ids, padId);
    int r = 0;
    for (int i = 0; i < examples.size(); i++) {
      EncodedExample e = examples.get(i);
      labels[i] = e.label();
      for (int j = 0; j < rowsPerExample; j++, r++) {
        int[] rowIds = e.inputIds()[j];
        int[] rowTypes = e.tokenTypeIds()[j];
        for (int k = 0; k < rowIds.length; k++) {
          ids[r * t + k] = rowIds[k];
          types[r * t + k] = rowTypes[k];
          mask[r * t + k] = 1;
        }
      }
    }
    Shape shape = new Shape(rows, t);
    EncoderInputs inputs =
        new EncoderInputs(
            manager.create(ids, shape), manager.create(types, shape), manager.create(mask, shape));
    return new Batch(inputs, manager.create(labels), examples.size());
  }

  /** Labels as int64 class indices. */
  public NDArray classLabels() {
    return labels.toType(DataType.INT64, false);
  }
}
