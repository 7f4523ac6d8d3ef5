package ptune.dataset;

import java.util.Locale;

/** The three splits the paper uses; SuperGLUE's "val.jsonl" is the dev split. */
public enum Split {
  TRAIN,
  DEV,
  TEST;

  public static Split parse(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return switch (lower) {
      case "train" -> TRAIN;
      case "dev", "val", "validation" -> DEV;
      case "test" -> TEST;
      default -> throw new IllegalArgumentException("unknown split: " + name);
    };
  }

  public String lowerName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
