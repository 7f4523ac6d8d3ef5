package ptune.dataset;

import java.util.ArrayList;
import java.util.List;

/** Applies {@link ReadOptions} to one bad record: rethrow, or remember it as skipped. */
public final class BadRecords {

  private final ReadOptions options;
  private final List<String> skipped = new ArrayList<>();

  public BadRecords(ReadOptions options) {
    this.options = options;
  }

  public void handle(DatasetFormatException problem) {
    if (!options.skipBadRecords()) {
      throw problem;
    }
    skipped.add(problem.getMessage());
  }

  /** Messages of the skipped records, in file order. */
  public List<String> skipped() {
    return List.copyOf(skipped);
  }
}
