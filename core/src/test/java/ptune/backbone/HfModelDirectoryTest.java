package ptune.backbone;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ptune.backbone.weights.SafetensorsDtype;
import ptune.backbone.weights.SafetensorsWriter;
import ptune.model.BertConfig;
import ptune.model.BertModel;

/**
 * A Hugging Face model directory (config.json + model.safetensors + tokenizer.json), built here from
 * minilm-l6's weights, loads to the same encoder; RoBERTa's position ids follow HF's
 * create_position_ids_from_input_ids; bad directories fail naming the file and key.
 */
class HfModelDirectoryTest {

  private static final String BERT_CONFIG = """
      {"model_type": "bert", "vocab_size": 30522, "hidden_size": 384, "num_hidden_layers": 6,
       "num_attention_heads": 12, "intermediate_size": 1536, "max_position_embeddings": 512,
       "type_vocab_size": 2, "layer_norm_eps": 1e-12, "hidden_act": "gelu",
       "hidden_dropout_prob": 0.1, "attention_probs_dropout_prob": 0.1, "pad_token_id": 0}
      """;

  @Test
  void directoryLoadsToTheSameEncoderAsTheBuiltIn(@TempDir Path dir) throws Exception {
    Backbone builtIn = BackboneRegistry.load("minilm-l6");
    Files.writeString(dir.resolve("config.json"), BERT_CONFIG);
    SafetensorsWriter.write(dir.resolve("model.safetensors"), builtIn.weights(),
        SafetensorsDtype.F32, Map.of());
    try (InputStream in = getClass().getClassLoader()
        .getResourceAsStream("all-minilm-l6-v2-tokenizer.json")) {
      Files.copy(in, dir.resolve("tokenizer.json"));
    }
    Backbone fromDir = BackboneRegistry.load(dir.toString());
    assertEquals(builtIn.config(), fromDir.config());
    assertEquals(builtIn.fingerprint(), fromDir.fingerprint());
    assertArrayEquals(builtIn.tokenizer().tokenize("Hello, world!").ids(),
        fromDir.tokenizer().tokenize("Hello, world!").ids());
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray ids = m.create(new long[] {101, 7592, 2088, 102}, new Shape(1, 4));
      float[] a = builtIn.newModel(m).encode(ids, ids.zerosLike(), ids.onesLike()).toFloatArray();
      float[] b = fromDir.newModel(m).encode(ids, ids.zerosLike(), ids.onesLike()).toFloatArray();
      assertArrayEquals(a, b, 0f);
    }
  }

  @Test
  void robertaPositionIdsSkipPaddingAndStartAfterThePadId() {
    BertConfig roberta = new BertConfig(BertConfig.Family.ROBERTA, 50, 8, 1, 2, 16, 40, 1,
        1e-5f, "gelu", 0f, 0f, 1, false, false);
    BertModel model = new BertModel(roberta);
    try (NDManager m = NDManager.newBaseManager()) {
      // <s> a b </s> <pad> <pad>: HF gives 2 3 4 5 1 1; after a prefix of 3 it gives 5 6 7 8 1 1.
      NDArray ids = m.create(new long[] {0, 7, 8, 2, 1, 1}, new Shape(1, 6));
      assertArrayEquals(new long[] {2, 3, 4, 5, 1, 1}, model.positionIds(ids, 0).toLongArray());
      assertArrayEquals(new long[] {5, 6, 7, 8, 1, 1}, model.positionIds(ids, 3).toLongArray());
    }
  }

  @Test
  void badDirectoriesNameTheFileAndKey(@TempDir Path dir) throws IOException {
    IOException missing = assertThrows(IOException.class, () -> HfModelDirectory.load(dir));
    assertTrue(missing.getMessage().contains("config.json"), missing.getMessage());

    Files.writeString(dir.resolve("config.json"), BERT_CONFIG.replace("\"hidden_size\": 384,", ""));
    IOException key = assertThrows(IOException.class, () -> HfModelDirectory.load(dir));
    assertTrue(key.getMessage().contains("hidden_size"), key.getMessage());

    Files.writeString(dir.resolve("config.json"), BERT_CONFIG.replace("\"bert\"", "\"gpt2\""));
    IOException type = assertThrows(IOException.class, () -> HfModelDirectory.load(dir));
    assertTrue(type.getMessage().contains("gpt2"), type.getMessage());
  }
}
