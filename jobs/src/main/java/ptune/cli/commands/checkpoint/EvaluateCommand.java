package ptune.cli.commands.checkpoint;

import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import ptune.cli.commands.data.CommandOptions;
import ptune.command.Command;
import ptune.command.ExitCode;
import ptune.dataset.Split;
import ptune.predict.CheckpointEvaluation;

/** {@code ptune evaluate}: scores a prompt checkpoint on a labelled split or file. */
public final class EvaluateCommand implements Command {
  private static final String USAGE = "evaluate <checkpoint> [--task T] [--split dev|test | --file F]"
      + " [--label-map a=b,...] [--max-examples N] [--backbone B] [--output F.json] [--data-dir D]"
      + " [--device cpu|gpu:N]";

  @Override
  public int run(String[] args) throws Exception {
    CommandOptions o = new CommandOptions(args, Set.of("task", "split", "file", "label-map",
        "max-examples", "backbone", "output", "data-dir", "device"), USAGE);
    if (o.positional.size() != 1) {
      throw new IllegalArgumentException("expected one checkpoint directory; usage: " + USAGE);
    }
    if (o.options.containsKey("split") && o.options.containsKey("file")) {
      throw new IllegalArgumentException("--split and --file exclude each other; usage: " + USAGE);
    }
    String checkpoint = o.positional.get(0);
    Split split = Split.parse(o.options.getOrDefault("split", "dev"));
    String file = o.options.get("file");
    CheckpointEvaluation.Request request = new CheckpointEvaluation.Request(checkpoint,
        o.options.get("task"), split, file, maxExamples(o.options.get("max-examples")),
        o.options.get("label-map"), o.options.get("backbone"),
        file == null ? o.dataDir() : null, o.options.getOrDefault("device", "cpu"));
    Configuration conf = new Configuration();
    CheckpointEvaluation.Result result = CheckpointEvaluation.run(request, conf);
    System.out.printf("%s (trained on %s) on %s %s, %d examples:%n", checkpoint,
        result.checkpointTask(), result.task(), result.source(), result.examples());
    for (Map.Entry<String, Double> m : result.metrics().entrySet()) {
      System.out.printf("  %-16s %.4f%s%n", m.getKey(), m.getValue(),
          m.getKey().equals(result.selectionMetric()) ? "  (selection metric)" : "");
    }
    String output = o.options.getOrDefault("output", new org.apache.hadoop.fs.Path(checkpoint,
        "evaluation-" + result.task() + "-" + (file == null ? split.lowerName()
            : new org.apache.hadoop.fs.Path(file).getName()) + ".json").toString());
    CheckpointEvaluation.write(result, output, conf);
    System.out.println("wrote " + output);
    return ExitCode.OK;
  }

  private static int maxExamples(String value) {
    if (value == null) {
      return 0;
    }
    try {
      int n = Integer.parseInt(value);
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("--max-examples must be a positive integer, got '" + value + "'");
  }

  @Override
  public String help() {
    return USAGE + "  score a prompt checkpoint with every metric of its task's kind";
  }
}
