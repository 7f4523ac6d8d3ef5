package ptune.encoding;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ptune.dataset.Example;
import ptune.dataset.SpanExtractionExample;
import ptune.features.QaWindow;
import ptune.features.SpanDecoder;
import ptune.features.SpanPrediction;
import ptune.features.SpanDecoder.WindowLogits;
import ptune.metrics.Predictions;

/**
 * Span-extraction scores per window ([2 x T]: start logits, then end logits, over the padded batch
 * length T) to one answer per question: windows are grouped by their question and merged by the
 * official SQuAD post-processing ({@link SpanDecoder}).
 */
public final class AnswerDecoder implements PredictionDecoder {
  private final List<Example> questions;
  private final List<QaWindow> windows;
  private final SpanDecoder spans;

  /** @param windows every window of {@code questions}, in encoder-row order */
  AnswerDecoder(List<Example> questions, List<QaWindow> windows, SpanDecoder spans) {
    this.questions = questions;
    this.windows = windows;
    this.spans = spans;
  }

  @Override
  public Predictions decode(float[][] scores) {
    Map<String, String> answers = new LinkedHashMap<>();
    for (SpanPrediction span : spans(scores)) {
      answers.put(span.exampleId(), span.text());
    }
    return new Predictions.Answers(answers);
  }

  /** The chosen span of every question, in question order: text, start in the context, score. */
  public List<SpanPrediction> spans(float[][] scores) {
    if (scores.length != windows.size()) {
      throw new IllegalArgumentException(scores.length + " scored rows for " + windows.size()
          + " windows");
    }
    Map<String, List<WindowLogits>> byQuestion = new LinkedHashMap<>();
    for (int i = 0; i < scores.length; i++) {
      QaWindow w = windows.get(i);
      int padded = scores[i].length / 2;
      int length = w.input().length();
      float[] start = Arrays.copyOfRange(scores[i], 0, length);
      float[] end = Arrays.copyOfRange(scores[i], padded, padded + length);
      byQuestion.computeIfAbsent(w.exampleId(), id -> new ArrayList<>())
          .add(new WindowLogits(w, start, end));
    }
    List<SpanPrediction> out = new ArrayList<>(questions.size());
    for (Example e : questions) {
      SpanExtractionExample question = (SpanExtractionExample) e;
      out.add(spans.decode(question, byQuestion.get(question.id())));
    }
    return out;
  }
}
