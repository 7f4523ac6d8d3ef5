package ptune.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import ptune.testing.TestTokenizer;

class WordTokensTest {

  @Test
  void tokensAreAttributedToTheirWordsForBothFamilies() {
    for (SubwordTokenizer.Template template : SubwordTokenizer.Template.values()) {
      TestTokenizer tokenizer = new TestTokenizer(template, 5);
      WordTokens tokens = WordTokens.of(tokenizer, List.of("U.S.", "Pretoria", "x"));
      // "U.S." is four punctuation-split tokens, "Pretoria" two pieces.
      assertEquals(List.of("U", ".", "S", ".", "Preto", "##ria", "x"), EncodedTokens.of(tokenizer, tokens.ids()));
      assertArrayEquals(new int[] {0, 0, 0, 0, 1, 1, 2}, tokens.wordOf(), template.name());
    }
  }

  @Test
  void aWordWithoutTokensBecomesUnknownInItsPlace() {
    TestTokenizer tokenizer = TestTokenizer.bert();
    // The stand-in tokenizer drops whitespace, as WordPiece drops U+FE0F: first, middle and last.
    WordTokens tokens = WordTokens.of(tokenizer, List.of("\u2003", "Pretoria", "\u2003", "x", "\u2003"));
    assertEquals(List.of("[UNK]", "Preto", "##ria", "[UNK]", "x", "[UNK]"), EncodedTokens.of(tokenizer, tokens.ids()));
    assertArrayEquals(new int[] {0, 1, 1, 2, 3, 4}, tokens.wordOf());
  }
}
