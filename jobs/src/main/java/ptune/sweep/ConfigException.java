package ptune.sweep;

import java.util.List;

/** A sweep config that cannot run; the message names the file, the line when known, and the key. */
public class ConfigException extends RuntimeException {

  public ConfigException(String file, int line, String key, String problem) {
    super(file + (line > 0 ? ":" + line : "") + ": " + key + ": " + problem);
  }

  /** Several problems found at once (pre-flight), one per line. */
  public ConfigException(List<ConfigException> problems) {
    super(String.join("\n", problems.stream().map(Throwable::getMessage).toList()));
  }

  public ConfigException(String file, String problem, Throwable cause) {
    super(file + ": " + problem, cause);
  }
}
