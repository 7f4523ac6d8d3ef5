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
    row(sb, "backbone", backbone.name());
    row(sb, "source", backbone.source());
    row(sb, "fingerprint", backbone.fingerprint());
    row(sb, "family", c.family().name().toLowerCase(Locale.ROOT));
    row(sb, "layers", c.numLayers());
    row(sb, "hidden size", c.hiddenSize());
    row(sb, "heads", c.numHeads() + " (head dim " + c.headDim() + ")");
    row(sb, "ffn size", c.intermediateSize());
    row(sb, "max positions", c.maxPositions());
    row(sb, "activation", c.hiddenAct());
    row(sb, "pooler", c.hasPooler() ? "pretrained" : "absent");
    row(sb, "MLM head", c.hasMlmHead() ? "pretrained" : "absent");
    row(sb, "parameters", String.format(Locale.ROOT, "%,d", backbone.parameterCount()));
    row(sb, "tokenizer", tok.getClass().getSimpleName() + ", vocabulary " + tok.vocabSize()
        + ", template " + tok.template());
    return sb.toString();
  }

  private static void row(StringBuilder sb, String label, Object value) {
    sb.append(String.format(Locale.ROOT, "%-14s%s%n", label, value));
  }

  /** One line per token: position, id, token, character span. */
  public static String describeEncoding(SubwordTokenizer tokenizer, String text) {
    SubwordTokenizer.TokenizedText t = tokenizer.tokenize(text);
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "%-14s", "encoding of")).append('"').append(text).append('"').append(" (")
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
    sb.append(String.format(Locale.ROOT, "%-14s", "ids")).append(Arrays.toString(t.ids())).append('\n');
    return sb.toString();
  }
}
