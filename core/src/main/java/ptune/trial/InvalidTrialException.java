package ptune.trial;

/**
 * A trial that cannot run, found before it starts: {@link #key()} names what is at fault, a field
 * of the spec ({@code backbone}, {@code method}, {@code task}), {@code data_dir}, or a
 * hyperparameter, so that the sweep can point at the config line that set it.
 */
public class InvalidTrialException extends IllegalArgumentException {

  public static final String DATA_DIR = "data_dir";

  private final String key;

  public InvalidTrialException(String key, String problem) {
    super(problem);
    this.key = key;
  }

  public InvalidTrialException(String key, String problem, Throwable cause) {
    super(problem, cause);
    this.key = key;
  }

  public String key() {
    return key;
  }
}
