package ptune.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import ptune.dataset.LabelSet;
import ptune.dataset.TokenTaggingExample;
import ptune.testing.TestTokenizer;

class TokenTaggingEncoderTest {

  private static final int X = TokenTaggingEncoder.IGNORED;
  private static final LabelSet NER = LabelSet.of("O", "B-LOC", "I-LOC");
  private static final LabelSet SRL = LabelSet.of("O", "B-A0", "B-V", "B-A1");

  private final TestTokenizer tokenizer = TestTokenizer.bert();

  @Test
  void onlyTheFirstSubTokenOfAWordIsLabeled() {
    TokenTaggingExample example = new TokenTaggingExample(
        "s", List.of("Johannesburg", "is", "big"), List.of("B-LOC", "O", "O"), -1);
    TaggingFeatures features = new TokenTaggingEncoder(tokenizer, NER, 64).encode(example);
    assertEquals(List.of("[CLS]", "Johan", "##nesbu", "##rg", "is", "big", "[SEP]"),
        EncodedTokens.of(tokenizer, features.input().inputIds()));
    // B-LOC is label 1, O is 0.
    assertArrayEquals(new int[] {X, 1, X, X, 0, 0, X}, features.labels());
    assertArrayEquals(new int[] {1, 4, 5}, features.firstTokenOfWord());
  }

  @Test
  void srlAppendsSeparatorAndPredicateWithoutLabels() {
    TokenTaggingExample example = new TokenTaggingExample(
        "p", List.of("John", "visited", "Pretoria"), List.of("B-A0", "B-V", "B-A1"), 1);
    TaggingFeatures features = new TokenTaggingEncoder(tokenizer, SRL, 64).encode(example);
    assertEquals(List.of("[CLS]", "John", "visit", "##ed", "Preto", "##ria", "[SEP]", "visit", "##ed", "[SEP]"),
        EncodedTokens.of(tokenizer, features.input().inputIds()));
    assertArrayEquals(new int[] {X, 1, 2, X, 3, X, X, X, X, X}, features.labels());
    assertArrayEquals(new int[10], features.input().tokenTypeIds());
  }

  @Test
  void truncationDropsTheAppendedPredicateFirstThenWords() {
    TokenTaggingExample example = new TokenTaggingExample(
        "p", List.of("John", "visited", "Pretoria"), List.of("B-A0", "B-V", "B-A1"), 1);
    TaggingFeatures features = new TokenTaggingEncoder(tokenizer, SRL, 5).encode(example);
    assertEquals(List.of("[CLS]", "John", "visit", "##ed", "[SEP]"),
        EncodedTokens.of(tokenizer, features.input().inputIds()));
    assertArrayEquals(new int[] {1, 2, -1}, features.firstTokenOfWord());
    assertEquals(2, features.keptWords());
    // Predictions at positions 1 and 2 are read; the "##ed" position (3) is ignored.
    assertEquals(List.of("B-A0", "B-V"), features.wordTags(new int[] {0, 1, 2, 3, 0}, SRL));
  }
}
