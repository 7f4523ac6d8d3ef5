package ptune.trainer;

import java.io.IOException;

/**
 * A stored training state that cannot be trusted: truncated (a torn write), damaged (checksum
 * mismatch) or not a training state at all. A run that meets one starts from epoch 1 instead.
 */
public final class UnusableTrainingStateException extends IOException {
  public UnusableTrainingStateException(String message) {
    super(message);
  }

  public UnusableTrainingStateException(String message, Throwable cause) {
    super(message, cause);
  }
}
