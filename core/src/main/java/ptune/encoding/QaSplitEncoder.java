package ptune.encoding;

import java.util.ArrayList;
import java.util.List;
import ptune.dataset.Example;
import ptune.dataset.SpanExtractionExample;
import ptune.features.QaWindow;
import ptune.features.QaWindowEncoder;
import ptune.features.SpanDecoder;
import ptune.features.SubwordTokenizer;
import ptune.trainer.EncodedExample;
import ptune.trainer.Target;

/**
 * SQuAD questions as overlapping windows over the context ({@link QaWindowEncoder}), one encoder
 * row per window, trained to point at the answer span or at [CLS] when the window lacks it.
 * Predictions merge all windows of a question ({@link AnswerDecoder}).
 */
public final class QaSplitEncoder implements SplitEncoder {
  private final QaWindowEncoder windows;
  private final SpanDecoder spans;

  public QaSplitEncoder(SubwordTokenizer tokenizer, int maxLength, int docStride, boolean allowNoAnswer) {
    this.windows = new QaWindowEncoder(tokenizer, maxLength, docStride);
    this.spans = SpanDecoder.squad(allowNoAnswer);
  }

  @Override
  public EncodedSplit encode(List<Example> examples) {
    List<QaWindow> all = new ArrayList<>();
    List<EncodedExample> rows = new ArrayList<>();
    for (Example e : examples) {
      if (!(e instanceof SpanExtractionExample question)) {
        throw new IllegalArgumentException("example " + e.id() + " is not a QA example");
      }
      for (QaWindow w : windows.encode(question)) {
        all.add(w);
        rows.add(EncodedExample.single(w.input().inputIds(), w.input().tokenTypeIds(),
            new Target.Span(w.startPosition(), w.endPosition())));
      }
    }
    return new EncodedSplit(examples, rows, new AnswerDecoder(examples, all, spans));
  }
}
