package ptune.encoding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import ptune.backbone.BackboneCache;
import ptune.dataset.Example;
import ptune.dataset.Label;
import ptune.dataset.SentencePairExample;
import ptune.tasks.TaskRegistry;
import ptune.features.SubwordTokenizer;
import ptune.trainer.EncodedExample;

/** Cloze inputs keep their one [MASK] whatever truncation does; label words must be one token. */
class VerbalizerEncoderTest {

  @Test
  void pairPatternSurvivesTruncation() throws Exception {
    SubwordTokenizer tokenizer = BackboneCache.get("minilm-l6").tokenizer();
    String longText = "word ".repeat(100);
    SentencePairExample pair = new SentencePairExample("e1", longText, longText,
        Label.category(0));
    EncodedExample row = new VerbalizerEncoder(tokenizer, 32).encode(List.<Example>of(pair))
        .rows().get(0);
    int[] ids = row.inputIds()[0];
    assertEquals(32, ids.length);
    assertEquals(tokenizer.clsId(), ids[0]);
    assertEquals(tokenizer.sepId(), ids[31]);
    assertEquals(1, Arrays.stream(ids).filter(id -> id == tokenizer.maskId()).count());
    assertEquals(0f, row.label());
  }

  @Test
  void labelWordsMustBeSingleTokens() throws Exception {
    SubwordTokenizer tokenizer = BackboneCache.get("minilm-l6").tokenizer();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Verbalizer.of(TaskRegistry.get("rte"), "yes,antidisestablishmentarianism", tokenizer));
    assertTrue(e.getMessage().contains("antidisestablishmentarianism"), e.getMessage());
    assertEquals(List.of("yes", "no"), Verbalizer.of(TaskRegistry.get("rte"), null, tokenizer).words());
  }
}
