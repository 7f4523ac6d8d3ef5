package ptune.results;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A trial's result or checkpoint could not be written (read-only or full output filesystem, a path
 * in the way). Deterministic: running the trial again would train it again only to fail the same
 * way, so the sweep stops and says what failed instead of retrying.
 */
public class ResultWriteException extends UncheckedIOException {

  public ResultWriteException(String what, IOException cause) {
    super(what + ": " + reason(cause), cause);
  }

  private ResultWriteException(String message) {
    super(message, new IOException(message));
  }

  /** The exception as Spark relayed it from an executor: its message only. */
  public static ResultWriteException relayed(String message) {
    return new ResultWriteException(message);
  }

  private static String reason(IOException e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return message.lines().findFirst().orElse(message);
  }
}
