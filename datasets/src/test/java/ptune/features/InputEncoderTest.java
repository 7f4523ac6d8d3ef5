package ptune.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import ptune.testing.TestTokenizer;

class InputEncoderTest {

  private final TestTokenizer bert = TestTokenizer.bert();
  private final TestTokenizer roberta = new TestTokenizer(SubwordTokenizer.Template.ROBERTA, 5);

  private List<String> tokens(SubwordTokenizer tokenizer, EncodedInput input) {
    return EncodedTokens.of(tokenizer, input.inputIds());
  }

  @Test
  void singleSegmentIsFramedByClsAndSep() {
    EncodedInput input = new InputEncoder(bert, 128).encode("Hello world");
    assertEquals(List.of("[CLS]", "Hello", "world", "[SEP]"), tokens(bert, input));
    assertArrayEquals(new int[] {0, 0, 0, 0}, input.tokenTypeIds());
    assertEquals(4, input.length());
  }

  @Test
  void bertPairHasTypeOneOnTheSecondSegment() {
    EncodedInput input = new InputEncoder(bert, 128).encode("a b", "c");
    assertEquals(List.of("[CLS]", "a", "b", "[SEP]", "c", "[SEP]"), tokens(bert, input));
    assertArrayEquals(new int[] {0, 0, 0, 0, 1, 1}, input.tokenTypeIds());
  }

  @Test
  void robertaPairHasADoubleSeparatorAndTypeZero() {
    EncodedInput input = new InputEncoder(roberta, 128).encode("a b", "c");
    // The test tokenizer names ids 2 and 3 [CLS]/[SEP]; in RoBERTa they are <s> and </s>.
    assertEquals(List.of("[CLS]", "a", "b", "[SEP]", "[SEP]", "c", "[SEP]"), tokens(roberta, input));
    assertArrayEquals(new int[7], input.tokenTypeIds());
  }

  @Test
  void longestFirstShortensTheLongerSegment() {
    // 5 + 2 tokens and 3 specials into 8: two tokens go, both from the 5-token segment.
    EncodedInput input = new InputEncoder(bert, 8).encode("a b c d e", "x y");
    assertEquals(List.of("[CLS]", "a", "b", "c", "[SEP]", "x", "y", "[SEP]"), tokens(bert, input));
  }

  @Test
  void longestFirstCutsTheSecondSegmentOnTies() {
    // 3 + 3 into 7 - 3 = 4: the tie removes from the second (3 vs 2), then the first is longer.
    EncodedInput input = new InputEncoder(bert, 7).encode("a b c", "x y z");
    assertEquals(List.of("[CLS]", "a", "b", "[SEP]", "x", "y", "[SEP]"), tokens(bert, input));
  }

  @Test
  void onlySecondKeepsTheFirstSegmentWhole() {
    EncodedInput input = new InputEncoder(bert, 7, TruncationStrategy.ONLY_SECOND).encode("a b c", "x y z");
    assertEquals(List.of("[CLS]", "a", "b", "c", "[SEP]", "x", "[SEP]"), tokens(bert, input));
  }

  @Test
  void onlyFirstFailsWhenTheFirstSegmentIsTooShortToAbsorbTheExcess() {
    InputEncoder encoder = new InputEncoder(bert, 5, TruncationStrategy.ONLY_FIRST);
    assertThrows(IllegalArgumentException.class, () -> encoder.encode("a", "x y z w"));
  }

  @Test
  void singleSegmentIsCutAtTheEnd() {
    EncodedInput input = new InputEncoder(bert, 4).encode("a b c d");
    assertEquals(List.of("[CLS]", "a", "b", "[SEP]"), tokens(bert, input));
  }
}
