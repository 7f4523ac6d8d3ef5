package ptune.backbone.tokenizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import ptune.features.SubwordTokenizer.Template;

class SpecialTokensTest {

  @Test
  void robertaVocabularyFromTokenizerJson() throws Exception {
    String json = "{\"model\": {\"type\": \"BPE\", \"vocab\": {\"<s>\": 0, \"<pad>\": 1, "
        + "\"</s>\": 2, \"<unk>\": 3, \"Ġhello\": 4}}, "
        + "\"added_tokens\": [{\"id\": 50264, \"content\": \"<mask>\"}]}";
    Vocabulary vocab = Vocabulary.fromTokenizerJson(new ObjectMapper().readTree(json), "test");
    SpecialTokens special = SpecialTokens.detect(vocab, "test");

    assertEquals(Template.ROBERTA, special.template());
    assertEquals(0, special.clsId());
    assertEquals(2, special.sepId());
    assertEquals(1, special.padId());
    assertEquals(50264, special.maskId());
    assertEquals(3, special.unkId());
    assertEquals(50265, vocab.size());
  }

  @Test
  void bertVocabularyFromVocabTxt() throws Exception {
    Vocabulary vocab = Vocabulary.fromVocabTxt(new ByteArrayInputStream(
        "[PAD]\n[UNK]\n[CLS]\n[SEP]\n[MASK]\nun\n##aff\n##able\n".getBytes(StandardCharsets.UTF_8)),
        "vocab.txt");
    WordPieceTokenizer tokenizer = new WordPieceTokenizer(vocab, true);
    assertEquals(Template.BERT, tokenizer.template());
    assertEquals(2, tokenizer.clsId());
    assertEquals(java.util.List.of(5, 6, 7),
        java.util.Arrays.stream(tokenizer.tokenize("Unaffable").ids()).boxed().toList());
    assertEquals(1, tokenizer.tokenize("unaffablex").ids()[0], "no segmentation: [UNK]");
  }

  @Test
  void unknownTemplateIsAnError() throws Exception {
    Vocabulary vocab = Vocabulary.fromVocabTxt(
        new ByteArrayInputStream("a\nb\n".getBytes(StandardCharsets.UTF_8)), "vocab.txt");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SpecialTokens.detect(vocab, "vocab.txt"));
    assertTrue(e.getMessage().startsWith("vocab.txt:"), e.getMessage());
  }
}
