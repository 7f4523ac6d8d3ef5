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
   * The line of a nested key ({@code task_definitions, my-ner, files, dev}): each key is looked for
   * below the previous one's line, within its block (more indented); where one is not found (a flow
   * map on one line), the line of the last one found. -1 when the first is not there.
   */
  public int lineOfPath(String... keys) {
    List<String> lines = text.lines().toList();
    int line = lineOfKey(keys[0]);
    if (line < 0) {
      return -1;
    }
    for (int k = 1; k < keys.length; k++) {
      int indent = indentation(lines.get(line - 1));
      Pattern definition = Pattern.compile("^[\\s-]*\\{?\\s*['\"]?" + Pattern.quote(keys[k]) + "['\"]?\\s*:");
      int found = -1;
      for (int i = line; i < lines.size(); i++) {
        String candidate = lines.get(i);
        if (candidate.isBlank() || candidate.strip().startsWith("#")) {
          continue;
        }
        if (indentation(candidate) <= indent) {
          break; // the block ended
        }
        if (definition.matcher(candidate).find()) {
          found = i + 1;
          break;
        }
      }
      if (found < 0) {
        return line;
      }
      line = found;
    }
    return line;
  }

  private static int indentation(String line) {
    int i = 0;
    while (i < line.length() && line.charAt(i) == ' ') {
      i++;
    }
    return i;
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
