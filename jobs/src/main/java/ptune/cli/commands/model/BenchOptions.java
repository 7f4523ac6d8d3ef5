package ptune.cli.commands.model;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import ptune.method.TuningMethods;
import ptune.model.Precision;
import ptune.trial.Hyperparameters;

/**
 * The arguments of {@code ptune bench}.
 *
 * @param dropout hidden, attention, prefix and head dropout, as a trial sets them from its {@code
 *     dropout} key (its default by default); 0 matches the PyTorch eager anchor, which has no dropout
 * @param precision how the frozen backbone of pt and pt2 multiplies, as a trial's {@code
 *     precision} key; ft always runs fp32 (bf16 is refused for it: its weights train)
 * @param profileDir when set, one extra step per method runs under the libtorch profiler and its
 *     Chrome trace is written there as {@code <method>.json}
 */
record BenchOptions(
    String backbone,
    List<String> methods,
    int batch,
    int seq,
    int prefix,
    int threads,
    int steps,
    int warmup,
    float dropout,
    Precision precision,
    int matmulSize,
    Path json,
    Path profileDir) {

  static final String USAGE = "bench [--backbone minilm-l6] [--methods "
      + String.join(",", TuningMethods.NAMES) + "] [--batch 32]"
      + " [--seq 128] [--prefix " + Hyperparameters.PREFIX_LEN.defaultValue() + "] [--threads 2]"
      + " [--steps 10] [--warmup 2] [--dropout " + Hyperparameters.DROPOUT.defaultValue() + "]"
      + " [--precision " + Hyperparameters.PRECISION.defaultValue() + "]"
      + " [--matmul 2048] [--json FILE] [--profile DIR]";

  static BenchOptions parse(String[] args) {
    String backbone = "minilm-l6";
    List<String> methods = TuningMethods.NAMES;
    int batch = 32;
    int seq = 128;
    int prefix = Hyperparameters.PREFIX_LEN.defaultValue();
    int threads = 2;
    int steps = 10;
    int warmup = 2;
    float dropout = Hyperparameters.DROPOUT.defaultValue().floatValue();
    Precision precision = Precision.parse(Hyperparameters.PRECISION.defaultValue());
    int matmul = 2048;
    Path json = null;
    Path profile = null;
    for (int i = 0; i < args.length; i++) {
      String flag = args[i];
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("missing value after " + flag + "; usage: " + USAGE);
      }
      String value = args[++i];
      switch (flag) {
        case "--backbone" -> backbone = value;
        case "--methods" -> methods = parseMethods(value);
        case "--batch" -> batch = positive(flag, value);
        case "--seq" -> seq = positive(flag, value);
        case "--prefix" -> prefix = nonNegative(flag, value);
        case "--threads" -> threads = positive(flag, value);
        case "--steps" -> steps = positive(flag, value);
        case "--warmup" -> warmup = nonNegative(flag, value);
        case "--dropout" -> dropout = Float.parseFloat(value);
        case "--precision" -> precision = Precision.parse(value);
        case "--matmul" -> matmul = nonNegative(flag, value);
        case "--json" -> json = Path.of(value);
        case "--profile" -> profile = Path.of(value);
        default -> throw new IllegalArgumentException(
            "unknown option '" + flag + "'; usage: " + USAGE);
      }
    }
    if (dropout < 0 || dropout >= 1) {
      throw new IllegalArgumentException("--dropout must be in [0, 1), got " + dropout);
    }
    return new BenchOptions(backbone, methods, batch, seq, prefix, threads, steps, warmup, dropout,
        precision, matmul, json, profile);
  }

  private static List<String> parseMethods(String value) {
    List<String> out = new ArrayList<>();
    for (String m : value.split(",")) {
      out.add(TuningMethods.get(m.trim()).name());
    }
    return List.copyOf(out);
  }

  private static int positive(String flag, String value) {
    int n = Integer.parseInt(value);
    if (n <= 0) {
      throw new IllegalArgumentException(flag + " must be positive, got " + n);
    }
    return n;
  }

  private static int nonNegative(String flag, String value) {
    int n = Integer.parseInt(value);
    if (n < 0) {
      throw new IllegalArgumentException(flag + " must be >= 0, got " + n);
    }
    return n;
  }
}
