package ptune.dataset;

import java.util.List;

/**
 * A format whose records are single lines (JSON Lines, GLUE TSV), so that each line can be parsed
 * on its own, e.g. on Spark executors. A file may start with header lines the records need (GLUE's
 * column names); the line reader and Spark preprocessing parse through this one interface.
 */
public interface LineRecords {

  /** Lines at the top of every file that are no records. */
  int headerLines();

  /**
   * @param header the file's first {@link #headerLines()} lines
   * @param index 0-based position of the line after the header (the id of formats without one)
   * @return the line's examples; none for a blank line
   * @throws RecordProblem when the line is malformed
   */
  List<Example> parse(List<String> header, long index, String line);
}
