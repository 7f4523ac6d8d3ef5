package ptune.encoding;

import java.util.List;
import ptune.trainer.EncodedExample;
import ptune.trainer.Target;

/**
 * What one example becomes for the trainer: its rows (one for classification, regression and
 * tagging; one holding every choice for multiple choice; one per window for QA) and their
 * {@link Alignment}. This is the unit preprocessing stores and a trial tokenizes: a
 * {@link SplitEncoder} assembles a split from it either way.
 */
public record ExampleRows(List<EncodedExample> rows, Alignment alignment) {

  public ExampleRows {
    rows = List.copyOf(rows);
    if (alignment instanceof Alignment.Words && (rows.size() != 1
        || !(rows.get(0).target() instanceof Target.PerToken))) {
      throw new IllegalArgumentException("a tagged sentence is one row with a label per token");
    }
    if (alignment instanceof Alignment.Context context && (context.starts().length != rows.size()
        || !rows.stream().allMatch(r -> r.target() instanceof Target.Span))) {
      throw new IllegalArgumentException("QA windows need one span-target row per window, got " + rows.size()
          + " rows for " + context.starts().length + " windows");
    }
    if (alignment instanceof Alignment.Whole && (rows.size() != 1
        || !(rows.get(0).target() instanceof Target.Value))) {
      throw new IllegalArgumentException("a whole-example row is one example with one label");
    }
  }

  /** One row labelled as a whole. */
  public static ExampleRows whole(EncodedExample row) {
    return new ExampleRows(List.of(row), Alignment.NONE);
  }
}
