package ptune.backbone.weights;

import java.util.Arrays;

/**
 * A float32 tensor in host memory, row-major (C order), as the readers produce it and the model
 * copies it onto a device.
 *
 * @param name the Hugging Face parameter name, e.g. {@code encoder.layer.0.attention.self.query.weight}
 * @param shape dimensions; linear weights are [out, in] as in PyTorch's {@code nn.Linear}
 * @param data {@code product(shape)} values
 */
public record HostTensor(String name, long[] shape, float[] data) {

  public HostTensor {
    long count = elementCount(shape);
    if (count != data.length) {
      throw new IllegalArgumentException(
          "tensor '" + name + "': shape " + Arrays.toString(shape) + " needs " + count
              + " values, got " + data.length);
    }
  }

  /**
   * Number of elements of {@code shape}, or -1 when a dimension is negative or the product does not
   * fit a Java array. Readers call this on untrusted shapes before allocating.
   */
  public static long elementCount(long[] shape) {
    long count = 1;
    for (long dim : shape) {
      if (dim < 0) {
        return -1;
      }
      if (dim != 0 && count > Integer.MAX_VALUE / dim) {
        return -1;
      }
      count *= dim;
    }
    return count;
  }

  public int rank() {
    return shape.length;
  }

  public boolean hasShape(long... expected) {
    return Arrays.equals(shape, expected);
  }

  /** The same tensor under another name (the data array is shared, not copied). */
  public HostTensor renamed(String newName) {
    return new HostTensor(newName, shape, data);
  }

  /**
   * The transpose of a matrix. ONNX MatMul initializers and TF kernels store a linear layer as
   * [in, out]; PyTorch's {@code nn.Linear.weight} is [out, in].
   */
  public HostTensor transposed(String newName) {
    if (shape.length != 2) {
      throw new IllegalArgumentException(
          "tensor '" + name + "': only a matrix can be transposed, shape " + Arrays.toString(shape));
    }
    int rows = (int) shape[0];
    int cols = (int) shape[1];
    float[] out = new float[data.length];
    for (int r = 0; r < rows; r++) {
      int rowStart = r * cols;
      for (int c = 0; c < cols; c++) {
        out[c * rows + r] = data[rowStart + c];
      }
    }
    return new HostTensor(newName, new long[] {cols, rows}, out);
  }

  @Override
  public String toString() {
    return name + Arrays.toString(shape);
  }
}
