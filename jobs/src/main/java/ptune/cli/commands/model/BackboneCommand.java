package ptune.cli.commands.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Locale;
import ptune.backbone.Backbone;
import ptune.backbone.BackboneRegistry;
import ptune.backbone.BackboneSummary;
import ptune.command.Command;
import ptune.features.SubwordTokenizer;
import ptune.model.BertModel;

/**
 * {@code ptune backbone NAME|DIR [--encode TEXT]}: the backbone's architecture, parameter count and
 * tokenizer; with --encode, the tokens of TEXT and a glimpse of the encoder's output for them.
 */
public final class BackboneCommand implements Command {

  @Override
  public String help() {
    return "backbone NAME|DIR [--encode TEXT] | --list: describe a backbone, encode a sentence";
  }

  @Override
  public int run(String[] args) throws Exception {
    if (args.length == 0 || args[0].equals("--list")) {
      BackboneRegistry.BUILT_INS.forEach((n, d) -> System.out.printf("  %-18s %s%n", n, d));
      return args.length == 0 ? 2 : 0;
    }
    String text = null;
    for (int i = 1; i < args.length; i++) {
      if (args[i].equals("--encode") && i + 1 < args.length) {
        text = args[++i];
      } else {
        throw new IllegalArgumentException("unexpected argument '" + args[i] + "'; " + help());
      }
    }
    Backbone backbone = BackboneRegistry.load(args[0]);
    System.out.print(BackboneSummary.describe(backbone));
    if (text != null) {
      System.out.print(BackboneSummary.describeEncoding(backbone.tokenizer(), text));
      printHiddenStates(backbone, text);
    }
    return 0;
  }

  private static void printHiddenStates(Backbone backbone, String text) {
    SubwordTokenizer tok = backbone.tokenizer();
    int[] body = tok.tokenize(text).ids();
    long[] ids = new long[body.length + 2];
    ids[0] = tok.clsId();
    for (int i = 0; i < body.length; i++) {
      ids[i + 1] = body[i];
    }
    ids[ids.length - 1] = tok.sepId();
    try (NDManager manager = NDManager.newBaseManager()) {
      BertModel model = backbone.newModel(manager);
      Shape shape = new Shape(1, ids.length);
      NDArray inputIds = manager.create(ids, shape);
      NDArray hidden = model.encode(inputIds, inputIds.zerosLike(), inputIds.onesLike());
      float[] cls = hidden.get(0, 0).toFloatArray();
      StringBuilder sb = new StringBuilder("last hidden state ").append(hidden.getShape())
          .append(", [CLS][:8] =");
      for (int i = 0; i < Math.min(8, cls.length); i++) {
        sb.append(String.format(Locale.ROOT, " %.4f", cls[i]));
      }
      System.out.println(sb);
    }
  }
}
