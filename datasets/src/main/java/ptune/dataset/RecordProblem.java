package ptune.dataset;

/**
 * What is wrong inside one record, raised by record parsers that do not know where the record came
 * from; the file reader adds file and line by turning it into a {@link DatasetFormatException}.
 */
public class RecordProblem extends RuntimeException {

  private final String field;

  public RecordProblem(String field, String problem) {
    super(problem);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
