package ptune.sweep;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The text of a sweep config, to find the line a key or a list value was written on: Jackson's
 * records forget where a key was, and pre-flight errors found after parsing still name the line.
 */
public record ConfigLines(String file, String text) {

  /** The first line that defines {@code key}, or -1. */
  public int lineOfKey(String key) {
    Pattern definition = Pattern.compile("^[\\s-]*\\{?\\s*" + Pattern.quote(key) + "\\s*:");
    List<String> lines = text.lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      if (definition.matcher(lines.get(i)).find()) {
        return i + 1;
      }
    }
    return -1;
  }

  /**
   * The line of {@code value} in the block under top-level {@code key} ({@code tasks: [cb, rte]},
   * one {@code - rte} per line, {@code preprocess: {encoder: X}}), else the key's line.
   */
  public int lineOfValue(String key, String value) {
    int keyLine = lineOfKey(key);
    if (keyLine < 0) {
      return -1;
    }
    Pattern item = Pattern.compile("(^|[\\s\\[{,:-])['\"]?" + Pattern.quote(value) + "['\"]?\\s*($|[\\]},#])");
    List<String> lines = text.lines().toList();
    for (int i = keyLine - 1; i < lines.size(); i++) {
      String line = lines.get(i);
      if (i > keyLine - 1 && !line.isBlank() && !Character.isWhitespace(line.charAt(0)) && !line.startsWith("-")) {
        break; // the next top-level key
      }
      String content = i == keyLine - 1 ? line.substring(line.indexOf(':') + 1) : line;
      if (item.matcher(content).find()) {
        return i + 1;
      }
    }
    return keyLine;
  }
}
