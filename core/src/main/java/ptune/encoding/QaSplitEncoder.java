package ptune.encoding;

import java.util.ArrayList;
import java.util.List;
import ptune.dataset.Example;
import ptune.dataset.SpanExtractionExample;
import ptune.features.EncodedInput;
import ptune.features.QaWindow;
import ptune.features.QaWindowEncoder;
import ptune.features.SpanDecoder;
import ptune.features.SubwordTokenizer;
import ptune.trainer.EncodedExample;
import ptune.trainer.Target;

/**
 * SQuAD questions as overlapping windows over the context ({@link QaWindowEncoder}), one encoder
 * row per window, trained to point at the answer span or at [CLS] when the window lacks it.
 * Predictions merge all windows of a question ({@link AnswerDecoder}); the null answer may win
 * (SQuAD 2.0 decoding) for a task that has unanswerable questions, or for any split that holds
 * some (a split without them never rewards it).
 */
public final class QaSplitEncoder implements SplitEncoder {
  private final QaWindowEncoder windows;
  private final boolean allowNoAnswer;

  public QaSplitEncoder(SubwordTokenizer tokenizer, int maxLength, int docStride, boolean allowNoAnswer) {
    this.windows = new QaWindowEncoder(tokenizer, maxLength, docStride);
    this.allowNoAnswer = allowNoAnswer;
  }

  @Override
  public ExampleRows encode(Example e) {
    if (!(e instanceof SpanExtractionExample question)) {
      throw new IllegalArgumentException("example " + e.id() + " is not a QA example");
    }
    List<QaWindow> all = windows.encode(question);
    List<EncodedExample> rows = new ArrayList<>(all.size());
    int[][] starts = new int[all.size()][];
    int[][] ends = new int[all.size()][];
    for (int w = 0; w < all.size(); w++) {
      QaWindow window = all.get(w);
      rows.add(EncodedExample.single(window.input().inputIds(), window.input().tokenTypeIds(),
          new Target.Span(window.startPosition(), window.endPosition())));
      starts[w] = window.contextStarts();
      ends[w] = window.contextEnds();
    }
    return new ExampleRows(rows, new Alignment.Context(starts, ends));
  }

  @Override
  public EncodedSplit assemble(List<Example> examples, List<ExampleRows> rows) {
    List<QaWindow> all = new ArrayList<>();
    List<EncodedExample> trainerRows = new ArrayList<>();
    boolean unanswerable = allowNoAnswer;
    for (int i = 0; i < examples.size(); i++) {
      Example e = examples.get(i);
      if (!(rows.get(i).alignment() instanceof Alignment.Context context)) {
        throw new IllegalArgumentException("example " + e.id() + ": expected QA windows");
      }
      unanswerable |= ((SpanExtractionExample) e).impossible();
      for (int w = 0; w < rows.get(i).rows().size(); w++) {
        EncodedExample row = rows.get(i).rows().get(w);
        Target.Span span = (Target.Span) row.target();
        all.add(new QaWindow(e.id(), new EncodedInput(row.inputIds()[0], row.tokenTypeIds()[0]),
            context.starts()[w], context.ends()[w], span.start(), span.end()));
        trainerRows.add(row);
      }
    }
    return new EncodedSplit(examples, trainerRows, new AnswerDecoder(examples, all, SpanDecoder.squad(unanswerable)));
  }
}
