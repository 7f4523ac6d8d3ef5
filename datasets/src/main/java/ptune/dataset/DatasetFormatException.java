package ptune.dataset;

import java.nio.file.Path;

/**
 * A data file that does not match its format. The message names the file, the line (or record) and
 * the field, so a broken download or a wrong data dir can be found without a debugger.
 */
public class DatasetFormatException extends RuntimeException {

  private final String file;
  private final long line;
  private final String field;

  /**
   * @param line 1-based line (or record number for whole-file JSON formats), 0 if not applicable
   * @param field offending field or column, null when the whole record is broken
   */
  public DatasetFormatException(Path file, long line, String field, String problem) {
    this(file, "line", line, field, problem);
  }

  /**
   * @param unit what {@code position} counts: "line" for line formats, "record" for whole-file JSON
   */
  public DatasetFormatException(Path file, String unit, long position, String field, String problem) {
    this(file.toString(), unit, position, field, problem);
  }

  /** @param file any file name, e.g. a Hadoop URI ({@code hdfs://...}) that is no local path */
  public DatasetFormatException(String file, String unit, long position, String field, String problem) {
    super(describe(file, unit, position, field, problem));
    this.file = file;
    this.line = position;
    this.field = field;
  }

  /**
   * Problems already described (file, line, field), gathered from several records, e.g. by
   * preprocessing on the executors.
   */
  public DatasetFormatException(String described) {
    super(described);
    this.file = null;
    this.line = 0;
    this.field = null;
  }

  public DatasetFormatException(Path file, long line, RecordProblem problem) {
    this(file, line, problem.field(), problem.getMessage());
  }

  private static String describe(String file, String unit, long position, String field, String problem) {
    StringBuilder message = new StringBuilder().append(file);
    if (position > 0) {
      message.append(", ").append(unit).append(' ').append(position);
    }
    if (field != null) {
      message.append(", field '").append(field).append('\'');
    }
    return message.append(": ").append(problem).toString();
  }

  public String file() {
    return file;
  }

  /** The line, or the record number for whole-file JSON formats; 0 when the whole file is wrong. */
  public long line() {
    return line;
  }

  public String field() {
    return field;
  }
}
