package ptune.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import ptune.dataset.SpanExtractionExample;
import ptune.dataset.SpanExtractionExample.Answer;
import ptune.testing.TestTokenizer;

/** Sliding windows over a long context and decoding the best span back to context text. */
class QaWindowsTest {

  private final TestTokenizer tokenizer = TestTokenizer.bert();
  // Twenty one-token words "w0" .. "w19"; the answer is "w11 w12".
  private final String context = IntStream.range(0, 20).mapToObj(i -> "w" + i).collect(Collectors.joining(" "));
  private final SpanExtractionExample example = new SpanExtractionExample(
      "q", "q ?", context, List.of(new Answer("w11 w12", context.indexOf("w11"))), false);
  // Question 2 tokens + 3 specials + 8 context tokens = 13; windows step 8 - 3 = 5 tokens.
  private final List<QaWindow> windows = new QaWindowEncoder(tokenizer, 13, 3).encode(example);

  @Test
  void windowsOverlapByTheStrideAndCoverTheContext() {
    assertEquals(4, windows.size());
    // Windows cover context tokens [0,8), [5,13), [10,18), [15,20); position 4 is the first context token.
    List<String> firstContextTokens = windows.stream()
        .map(w -> tokenizer.idToToken(w.input().inputIds()[4])).toList();
    assertEquals(List.of("w0", "w5", "w10", "w15"), firstContextTokens);
    // The last window holds w15..w19: 2 question tokens, 5 context tokens and 3 specials.
    assertEquals(10, windows.get(3).input().length());
    assertEquals(List.of("[CLS]", "q", "?", "[SEP]"),
        EncodedTokens.of(tokenizer, Arrays.copyOf(windows.get(0).input().inputIds(), 4)));
  }

  @Test
  void answerPositionsPointIntoWindowsThatHoldTheWholeAnswer() {
    // Window 2 starts at w5, so w11 is at 4 + 6 = 10; window 3 starts at w10, so w11 is at 5.
    List<int[]> positions = windows.stream().map(w -> new int[] {w.startPosition(), w.endPosition()}).toList();
    assertEquals(List.of(0, 10, 5, 0), positions.stream().map(p -> p[0]).toList());
    assertEquals(List.of(0, 11, 6, 0), positions.stream().map(p -> p[1]).toList());
  }

  @Test
  void offsetsMapTokensBackToContextCharacters() {
    QaWindow second = windows.get(1);
    assertEquals("w11", context.substring(second.contextStarts()[10], second.contextEnds()[10]));
    assertEquals(-1, second.contextStarts()[1], "question tokens have no context offset");
  }

  private List<SpanDecoder.WindowLogits> logits(float clsLogit) {
    List<SpanDecoder.WindowLogits> all = new ArrayList<>();
    for (QaWindow window : windows) {
      float[] start = new float[window.input().length()];
      float[] end = new float[window.input().length()];
      start[0] = clsLogit;
      end[0] = clsLogit;
      // A high logit on a question token must never be picked.
      start[1] = 50;
      all.add(new SpanDecoder.WindowLogits(window, start, end));
    }
    all.get(1).startLogits()[10] = 5;
    all.get(1).endLogits()[11] = 5;
    // End before start in window 3 scores higher but is not a span.
    all.get(2).startLogits()[8] = 9;
    all.get(2).endLogits()[6] = 9;
    return all;
  }

  @Test
  void decoderPicksTheBestValidSpanAcrossWindows() {
    SpanPrediction prediction = SpanDecoder.squad(false).decode(example, logits(1));
    assertEquals("w11 w12", prediction.text());
    assertEquals(10.0, prediction.score());
  }

  @Test
  void noAnswerWinsWhenTheNullScoreBeatsTheBestSpanByMoreThanTheThreshold() {
    // Null score 6 + 6 = 12 > best span 10.
    assertTrue(SpanDecoder.squad(true).decode(example, logits(6)).isNoAnswer());
    // A threshold of 2.5 needs null - best > 2.5; 12 - 10 = 2 is not enough.
    assertEquals("w11 w12", new SpanDecoder(20, 30, true, 2.5).decode(example, logits(6)).text());
    // SQuAD 1.1 decoding never answers "no answer".
    assertEquals("w11 w12", SpanDecoder.squad(false).decode(example, logits(6)).text());
  }

  @Test
  void spansLongerThanTheMaximumAreSkipped() {
    // With at most one token, the two-token span is out; the best single-token span scores 9 + 0
    // (start w14 in window 3, end at the same token).
    SpanPrediction prediction = new SpanDecoder(20, 1, false, 0).decode(example, logits(1));
    assertEquals("w14", prediction.text());
  }
}
