package ptune.sweep;

/** A sweep config that cannot run; the message names the file, the line when known, and the key. */
public class ConfigException extends RuntimeException {

  public ConfigException(String file, int line, String key, String problem) {
    super(file + (line > 0 ? ":" + line : "") + ": " + key + ": " + problem);
  }

  public ConfigException(String file, String problem, Throwable cause) {
    super(file + ": " + problem, cause);
  }
}
