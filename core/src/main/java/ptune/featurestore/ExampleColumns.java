package ptune.featurestore;

import java.util.ArrayList;
import java.util.List;
import ptune.encoding.Alignment;
import ptune.encoding.ExampleRows;
import ptune.trainer.EncodedExample;
import ptune.trainer.Target;

/**
 * An example's {@link ExampleRows} as the flat columns the Arrow shards and the Parquet copy store
 * (see {@link FeatureShard} for what each means), and back: the one place that defines the layout.
 *
 * @param alignment {@value #WHOLE}, {@value #WORDS} or {@value #CONTEXT}
 * @param label a whole example's label, NaN otherwise
 */
public record ExampleColumns(String alignment, float label, int[][] inputIds, int[][] tokenTypeIds,
    int[][] targets, int[] wordFirstTokens, int[][] contextStarts, int[][] contextEnds) {

  public static final String WHOLE = "whole";
  public static final String WORDS = "words";
  public static final String CONTEXT = "context";

  /** The columns of {@code example}. */
  public static ExampleColumns of(ExampleRows example) {
    List<int[]> ids = new ArrayList<>();
    List<int[]> types = new ArrayList<>();
    List<int[]> targets = new ArrayList<>();
    for (EncodedExample e : example.rows()) {
      ids.addAll(List.of(e.inputIds()));
      types.addAll(List.of(e.tokenTypeIds()));
      if (e.target() instanceof Target.PerToken perToken) {
        targets.add(perToken.labels());
      } else if (e.target() instanceof Target.Span span) {
        targets.add(new int[] {span.start(), span.end()});
      }
    }
    int[][] none = new int[0][];
    if (example.alignment() instanceof Alignment.Words words) {
      return new ExampleColumns(WORDS, Float.NaN, rows(ids), rows(types), rows(targets), words.firstTokenOfWord(),
          none, none);
    }
    if (example.alignment() instanceof Alignment.Context context) {
      return new ExampleColumns(CONTEXT, Float.NaN, rows(ids), rows(types), rows(targets), new int[0],
          context.starts(), context.ends());
    }
    return new ExampleColumns(WHOLE, example.rows().get(0).label(), rows(ids), rows(types), none, new int[0], none,
        none);
  }

  /** The example's rows back. */
  public ExampleRows rows() {
    switch (alignment) {
      case WHOLE:
        return ExampleRows.whole(new EncodedExample(inputIds, tokenTypeIds, label));
      case WORDS:
        return new ExampleRows(List.of(EncodedExample.single(inputIds[0], tokenTypeIds[0],
            new Target.PerToken(targets[0]))), new Alignment.Words(wordFirstTokens));
      case CONTEXT:
        List<EncodedExample> windows = new ArrayList<>(inputIds.length);
        for (int w = 0; w < inputIds.length; w++) {
          windows.add(EncodedExample.single(inputIds[w], tokenTypeIds[w],
              new Target.Span(targets[w][0], targets[w][1])));
        }
        return new ExampleRows(windows, new Alignment.Context(contextStarts, contextEnds));
      default:
        throw new IllegalArgumentException("unknown alignment '" + alignment + "' (expected " + WHOLE + ", "
            + WORDS + " or " + CONTEXT + ")");
    }
  }

  private static int[][] rows(List<int[]> rows) {
    return rows.toArray(int[][]::new);
  }
}
