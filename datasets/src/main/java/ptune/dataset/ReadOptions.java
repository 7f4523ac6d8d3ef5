package ptune.dataset;

/**
 * How readers treat bad records. By default a bad record fails the read; with
 * {@code skipBadRecords} it is dropped and counted in {@link ReadResult#skippedRecords()}.
 */
public record ReadOptions(boolean skipBadRecords) {

  public static final ReadOptions STRICT = new ReadOptions(false);
  public static final ReadOptions SKIP_BAD_RECORDS = new ReadOptions(true);
}
