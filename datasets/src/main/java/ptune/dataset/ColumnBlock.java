package ptune.dataset;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * One sentence of a CoNLL-style column file: consecutive non-blank lines, split into columns, each
 * with its 1-based line number so that errors can point at the exact token.
 */
public record ColumnBlock(List<Row> rows) {

  /** One token line. */
  public record Row(int line, String[] columns) {
    public String column(int index, String name) {
      if (index >= columns.length) {
        throw new RecordProblem(name, "missing column " + (index + 1) + " (line has " + columns.length + ")");
      }
      return columns[index];
    }
  }

  public int firstLine() {
    return rows.get(0).line();
  }

  public int size() {
    return rows.size();
  }

  /**
   * Splits lines into blocks. A blank line ends a block; a line for which {@code startsBlock} holds
   * ends the current block and is itself dropped (CoNLL-2004 "#doc" lines, CoNLL-2012 "#begin").
   *
   * @param ignored lines dropped entirely, e.g. "-DOCSTART-" and "#end document"
   */
  public static List<ColumnBlock> split(
      List<String> lines, Pattern separator, Predicate<String> startsBlock, Predicate<String> ignored) {
    List<ColumnBlock> blocks = new ArrayList<>();
    List<Row> current = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      boolean boundary = line.isBlank() || startsBlock.test(line);
      if (boundary || ignored.test(line)) {
        if (boundary && !current.isEmpty()) {
          blocks.add(new ColumnBlock(List.copyOf(current)));
          current.clear();
        }
        continue;
      }
      current.add(new Row(i + 1, separator.split(line.strip())));
    }
    if (!current.isEmpty()) {
      blocks.add(new ColumnBlock(List.copyOf(current)));
    }
    return blocks;
  }
}
