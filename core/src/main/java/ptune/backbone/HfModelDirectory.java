package ptune.backbone;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import ptune.backbone.tokenizer.HfJsonTokenizer;
import ptune.backbone.tokenizer.WordPieceTokenizer;
import ptune.backbone.weights.SafetensorsWeightReader;
import ptune.backbone.weights.WeightSet;
import ptune.features.SubwordTokenizer;
import ptune.model.BertConfig;

/**
 * A Hugging Face model directory (what users bring on a cluster: bert-large-cased, roberta-large):
 * {@code config.json}, {@code model.safetensors}, and {@code tokenizer.json} or {@code vocab.txt}.
 */
final class HfModelDirectory {
  private HfModelDirectory() {}

  static Backbone load(Path dir) throws IOException {
    BertConfig config = readConfig(dir.resolve("config.json"));
    Path weightsFile = dir.resolve("model.safetensors");
    if (!Files.isRegularFile(weightsFile)) {
      throw new IOException(dir + ": no model.safetensors (convert pytorch_model.bin with "
          + "safetensors' convert script first)");
    }
    WeightSet weights = SafetensorsWeightReader.read(weightsFile);
    config = new BertConfig(config.family(), config.vocabSize(), config.hiddenSize(),
        config.numLayers(), config.numHeads(), config.intermediateSize(), config.maxPositions(),
        config.typeVocabSize(), config.layerNormEps(), config.hiddenAct(), config.hiddenDropout(),
        config.attentionDropout(), config.padTokenId(), weights.contains("pooler.dense.weight"),
        weights.contains("cls.predictions.transform.dense.weight"));
    return new Backbone(dir.toString(), weightsFile.toString(), WeightFingerprint.of(weights),
        config, weights, tokenizer(dir, config));
  }

  private static SubwordTokenizer tokenizer(Path dir, BertConfig config) throws IOException {
    if (Files.isRegularFile(dir.resolve("tokenizer.json"))) {
      return HfJsonTokenizer.fromFile(dir.resolve("tokenizer.json"));
    }
    if (Files.isRegularFile(dir.resolve("vocab.txt")) && config.family() == BertConfig.Family.BERT) {
      boolean lowercase = true;
      Path tokConfig = dir.resolve("tokenizer_config.json");
      if (Files.isRegularFile(tokConfig)) {
        lowercase = new ObjectMapper().readTree(tokConfig.toFile()).path("do_lower_case").asBoolean(true);
      }
      return WordPieceTokenizer.fromVocabTxt(dir.resolve("vocab.txt"), lowercase);
    }
    throw new IOException(dir + ": no tokenizer.json"
        + (config.family() == BertConfig.Family.BERT ? " or vocab.txt" : " (RoBERTa needs it)"));
  }

  static BertConfig readConfig(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IOException(file + ": missing (a Hugging Face model directory needs config.json)");
    }
    JsonNode c = new ObjectMapper().readTree(file.toFile());
    String type = text(c, "model_type", file);
    BertConfig.Family family = switch (type) {
      case "bert" -> BertConfig.Family.BERT;
      case "roberta", "xlm-roberta" -> BertConfig.Family.ROBERTA;
      default -> throw new IOException(file + ": model_type '" + type
          + "' is not supported (bert, roberta)");
    };
    String act = c.path("hidden_act").asText("gelu");
    String hiddenAct = switch (act) {
      case "gelu" -> "gelu";
      case "gelu_new", "gelu_pytorch_tanh" -> "gelu_tanh";
      default -> throw new IOException(file + ": hidden_act '" + act + "' is not supported");
    };
    return new BertConfig(family, integer(c, "vocab_size", file), integer(c, "hidden_size", file),
        integer(c, "num_hidden_layers", file), integer(c, "num_attention_heads", file),
        integer(c, "intermediate_size", file), integer(c, "max_position_embeddings", file),
        c.path("type_vocab_size").asInt(2), (float) c.path("layer_norm_eps").asDouble(1e-12),
        hiddenAct, (float) c.path("hidden_dropout_prob").asDouble(0.1),
        (float) c.path("attention_probs_dropout_prob").asDouble(0.1),
        c.path("pad_token_id").asInt(family == BertConfig.Family.ROBERTA ? 1 : 0), false, false);
  }

  private static String text(JsonNode c, String key, Path file) throws IOException {
    if (!c.hasNonNull(key)) {
      throw new IOException(file + ": missing key " + key);
    }
    return c.get(key).asText();
  }

  private static int integer(JsonNode c, String key, Path file) throws IOException {
    if (!c.hasNonNull(key) || !c.get(key).canConvertToInt()) {
      throw new IOException(file + ": key " + key + " must be an integer");
    }
    return c.get(key).asInt();
  }
}
