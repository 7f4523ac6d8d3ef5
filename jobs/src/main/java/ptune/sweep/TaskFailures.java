package ptune.sweep;

import java.util.Optional;

/**
 * What made a Spark job fail, seen from the driver: the executor's exception is the cause of the
 * job's {@code SparkException} when Spark could ship it back (local mode, serializable
 * exceptions), else only its text ("{@code ptune.x.SomeException: message}") in the job's message.
 */
public final class TaskFailures {

  private TaskFailures() {}

  /** The first exception of {@code type} in the cause chain of {@code jobFailure}. */
  public static <T extends Throwable> Optional<T> cause(Throwable jobFailure, Class<T> type) {
    for (Throwable t = jobFailure; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return Optional.of(type.cast(t));
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return Optional.empty();
  }

  /** The message of an exception of {@code type} that Spark relayed as text only. */
  public static Optional<String> relayedMessage(Throwable jobFailure, Class<? extends Throwable> type) {
    String name = type.getName() + ": ";
    for (Throwable t = jobFailure; t != null; t = t.getCause()) {
      String message = t.getMessage() == null ? "" : t.getMessage();
      int at = message.indexOf(name);
      if (at >= 0) {
        return message.substring(at + name.length()).lines().findFirst();
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return Optional.empty();
  }
}
