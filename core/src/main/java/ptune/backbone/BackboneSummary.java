package ptune.backbone;

import java.util.Arrays;
import java.util.Locale;
import ptune.features.SubwordTokenizer;
import ptune.model.BertConfig;

/** The human-readable description {@code ptune backbone NAME} prints. */
public final class BackboneSummary {
  private BackboneSummary() {}

  public static String describe(Backbone backbone) {
    BertConfig c = backbone.config();
    SubwordTokenizer tok = backbone.tokenizer();
    StringBuilder sb = new StringBuilder();
    sb.append("backbone     ").append(backbone.name()).append('\n');
    sb.append("source       ").append(backbone.source()).append('\n');
    sb.append("fingerprint  ").append(backbone.fingerprint()).append('\n');
    sb.append("family       ").append(c.family().name().toLowerCase(Locale.ROOT)).append('\n');
    sb.append("layers       ").append(c.numLayers()).append('\n');
    sb.append("hidden size  ").append(c.hiddenSize()).append('\n');
    sb.append("heads        ").append(c.numHeads()).append(" (head dim ").append(c.headDim())
        .append(")\n");
    sb.append("ffn size     ").append(c.intermediateSize()).append('\n');
    sb.append("max positions ").append(c.maxPositions()).append('\n');
    sb.append("activation   ").append(c.hiddenAct()).append('\n');
    sb.append("pooler       ").append(c.hasPooler() ? "pretrained" : "absent").append('\n');
    sb.append("MLM head     ").append(c.hasMlmHead() ? "pretrained" : "absent").append('\n');
    sb.append(String.format(Locale.ROOT, "parameters   %,d%n", backbone.parameterCount()));
    sb.append("tokenizer    ").append(tok.getClass().getSimpleName())
        .append(", vocabulary ").append(tok.vocabSize())
        .append(", template ").append(tok.template()).append('\n');
    return sb.toString();
  }

  /** One line per token: position, id, token, character span. */
  public static String describeEncoding(SubwordTokenizer tokenizer, String text) {
    SubwordTokenizer.TokenizedText t = tokenizer.tokenize(text);
    StringBuilder sb = new StringBuilder();
    sb.append("encoding of ").append('"').append(text).append('"').append(" (")
        .append(t.size()).append(" tokens + special)\n");
    sb.append(String.format(Locale.ROOT, "  %3d %6d %s%n", 0, tokenizer.clsId(),
        tokenizer.idToToken(tokenizer.clsId())));
    for (int i = 0; i < t.size(); i++) {
      sb.append(String.format(Locale.ROOT, "  %3d %6d %-14s [%d, %d) %s%n", i + 1, t.ids()[i],
          tokenizer.idToToken(t.ids()[i]), t.starts()[i], t.ends()[i],
          text.substring(t.starts()[i], t.ends()[i])));
    }
    sb.append(String.format(Locale.ROOT, "  %3d %6d %s%n", t.size() + 1, tokenizer.sepId(),
        tokenizer.idToToken(tokenizer.sepId())));
    sb.append("ids ").append(Arrays.toString(t.ids())).append('\n');
    return sb.toString();
  }
}
