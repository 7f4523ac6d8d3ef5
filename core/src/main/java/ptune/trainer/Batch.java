package ptune.trainer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.List;
import ptune.model.EncoderInputs;

/**
 * A padded batch: every row of every example padded to the longest row in the batch (dynamic
 * padding), rows of one example consecutive.
 *
 * @param labels [B] float for whole-example labels, [B, T] int64 for per-token labels (padding
 *     {@value Target#IGNORED}), [B, 2] int64 for answer spans; see {@link Target}
 */
public record Batch(EncoderInputs inputs, NDArray labels, int size) {

  public static Batch collate(List<EncodedExample> examples, int padId, NDManager manager) {
    int rowsPerExample = examples.get(0).rows();
    Class<?> targetKind = examples.get(0).target().getClass();
    int rows = examples.size() * rowsPerExample;
    int t = 0;
    for (EncodedExample e : examples) {
      if (e.rows() != rowsPerExample) {
        throw new IllegalArgumentException("examples in one batch need the same number of rows");
      }
      if (e.target().getClass() != targetKind) {
        throw new IllegalArgumentException("examples in one batch need the same kind of target");
      }
      t = Math.max(t, e.maxLength());
    }
    long[] ids = new long[rows * t];
    long[] types = new long[rows * t];
    long[] mask = new long[rows * t];
    Arrays.fill(ids, padId);
    int r = 0;
    for (EncodedExample e : examples) {
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
    return new Batch(inputs, labels(examples, t, manager), examples.size());
  }

  private static NDArray labels(List<EncodedExample> examples, int t, NDManager manager) {
    int b = examples.size();
    Target first = examples.get(0).target();
    if (first instanceof Target.PerToken) {
      long[] labels = new long[b * t];
      Arrays.fill(labels, Target.IGNORED);
      for (int i = 0; i < b; i++) {
        int[] row = ((Target.PerToken) examples.get(i).target()).labels();
        for (int k = 0; k < row.length; k++) {
          labels[i * t + k] = row[k];
        }
      }
      return manager.create(labels, new Shape(b, t));
    }
    if (first instanceof Target.Span) {
      long[] positions = new long[b * 2];
      for (int i = 0; i < b; i++) {
        Target.Span span = (Target.Span) examples.get(i).target();
        positions[2 * i] = span.start();
        positions[2 * i + 1] = span.end();
      }
      return manager.create(positions, new Shape(b, 2));
    }
    float[] values = new float[b];
    for (int i = 0; i < b; i++) {
      values[i] = examples.get(i).label();
    }
    return manager.create(values);
  }

  /** Labels as int64 class indices. */
  public NDArray classLabels() {
    return labels.toType(DataType.INT64, false);
  }
}
