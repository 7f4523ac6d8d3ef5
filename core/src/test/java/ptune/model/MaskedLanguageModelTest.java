package ptune.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import ptune.backbone.Backbone;
import ptune.backbone.BackboneRegistry;

/** bert-base-uncased through its MLM head fills in "paris" as the original model does. */
@Tag("slow")
class MaskedLanguageModelTest {

  @Test
  void capitalOfFranceIsParis() throws Exception {
    Backbone backbone = BackboneRegistry.load("bert-base-uncased");
    EncodedBatch batch = new EncodedBatch(backbone.tokenizer(),
        new String[][] {{"The capital of France is [MASK]."}});
    int maskPos = -1;
    for (int i = 0; i < batch.ids[0].length; i++) {
      if (batch.ids[0][i] == backbone.tokenizer().maskId()) {
        maskPos = i;
      }
    }
    assertEquals(6, maskPos, "[MASK] must stay one token: [CLS] the capital of france is [MASK]");
    try (NDManager manager = NDManager.newBaseManager()) {
      BertModel model = backbone.newModel(manager);
      EncoderInputs in = batch.toInputs(manager);
      NDArray hidden = model.encode(in.inputIds(), in.tokenTypeIds(), in.attentionMask());
      float[] probs = model.mlmLogits(hidden).get(0, maskPos).softmax(-1).toFloatArray();
      int best = 0;
      for (int i = 1; i < probs.length; i++) {
        if (probs[i] > probs[best]) {
          best = i;
        }
      }
      System.out.printf("top token %s p=%.4f%n", backbone.tokenizer().idToToken(best), probs[best]);
      assertEquals("paris", backbone.tokenizer().idToToken(best));
      // Hugging Face's bert-base-uncased fill-mask gives paris 0.417.
      assertEquals(0.417, probs[best], 0.01);
    }
  }
}
