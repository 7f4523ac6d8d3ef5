package ptune.encoding;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import ptune.dataset.Example;
import ptune.dataset.SpanExtractionExample;
import ptune.features.EncodedInput;
import ptune.features.QaWindow;
import ptune.features.SpanDecoder;
import ptune.metrics.Predictions;

/**
 * Scores arrive per window, padded to their batch; the decoder trims the padding, groups windows
 * by question and lets the best span over all of a question's windows win.
 */
class AnswerDecoderTest {

  @Test
  void windowsOfOneQuestionAreMergedAndPaddingIgnored() {
    String context = "alpha beta gamma";
    SpanExtractionExample q = new SpanExtractionExample("q1", "which?", context,
        List.of(new SpanExtractionExample.Answer("gamma", 11)), false);
    // [CLS] which [SEP] <context token> [SEP]: one context token per window
    QaWindow first = window(0, 5);
    QaWindow second = window(11, 16);
    float[] firstScores = {0, 0, 0, 1, 0, /* padding */ 9, /* end row */ 0, 0, 0, 1, 0, 9};
    float[] secondScores = {0, 0, 0, 5, 0, /* padding */ 0, /* end row */ 0, 0, 0, 5, 0, 0};
    Predictions p = new AnswerDecoder(List.<Example>of(q), List.of(first, second),
        SpanDecoder.squad(false)).decode(new float[][] {firstScores, secondScores});
    assertEquals(Map.of("q1", "gamma"), ((Predictions.Answers) p).textById());
  }

  private static QaWindow window(int charStart, int charEnd) {
    int[] ids = {101, 2029, 102, 3000, 102};
    int[] starts = {-1, -1, -1, charStart, -1};
    int[] ends = {-1, -1, -1, charEnd, -1};
    return new QaWindow("q1", new EncodedInput(ids, new int[5]), starts, ends, 0, 0);
  }
}
