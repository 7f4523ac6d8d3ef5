package ptune.backbone.weights;

import java.io.IOException;

/**
 * A weight file that cannot be read as its format says: truncated, corrupted, an unsupported
 * variant, or a tensor whose declared size does not match its data. The message names the file and,
 * when known, the tensor.
 */
public class WeightFormatException extends IOException {

  private final String source;
  private final String tensor;

  public WeightFormatException(String source, String tensor, String problem) {
    super(describe(source, tensor, problem));
    this.source = source;
    this.tensor = tensor;
  }

  public WeightFormatException(String source, String tensor, String problem, Throwable cause) {
    super(describe(source, tensor, problem), cause);
    this.source = source;
    this.tensor = tensor;
  }

  /** The file (or jar entry) being read. */
  public String source() {
    return source;
  }

  /** The tensor being read, or null when the problem is in the file's framing. */
  public String tensor() {
    return tensor;
  }

  private static String describe(String source, String tensor, String problem) {
    return source + (tensor == null ? "" : ", tensor '" + tensor + "'") + ": " + problem;
  }
}
