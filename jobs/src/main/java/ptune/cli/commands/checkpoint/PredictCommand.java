package ptune.cli.commands.checkpoint;

import java.util.Set;
import org.apache.spark.sql.SparkSession;
import ptune.cli.commands.data.CommandOptions;
import ptune.command.Command;
import ptune.command.ExitCode;
import ptune.predict.Predictor;

/** {@code ptune predict}: writes a prompt checkpoint's predictions on an input file. */
public final class PredictCommand implements Command {
  private static final String USAGE = "predict <checkpoint> --input F --output DIR [--task T]"
      + " [--partitions N] [--backbone B] [--master M]";

  @Override
  public int run(String[] args) throws Exception {
    CommandOptions o = new CommandOptions(args, Set.of("input", "output", "task", "partitions",
        "backbone", "master"), USAGE);
    if (o.positional.size() != 1 || !o.options.containsKey("input")
        || !o.options.containsKey("output")) {
      throw new IllegalArgumentException("expected a checkpoint, --input and --output; usage: "
          + USAGE);
    }
    Predictor.Request request = new Predictor.Request(o.positional.get(0), o.options.get("input"),
        o.options.get("output"), o.options.get("task"), o.options.get("backbone"),
        partitions(o.options.getOrDefault("partitions", "2")));
    SparkSession.Builder builder = SparkSession.builder().appName("ptune predict");
    // Under spark-submit the master and everything else spark-submit set are kept.
    String master = o.options.getOrDefault("master", System.getProperty("spark.master"));
    if (master == null || master.startsWith("local")) {
      builder.master(master == null ? "local[2]" : master)
          .config("spark.driver.host", "127.0.0.1")
          .config("spark.driver.bindAddress", "127.0.0.1");
    } else {
      builder.master(master);
    }
    SparkSession spark = builder.getOrCreate();
    long written = Predictor.run(spark, request);
    System.out.printf("wrote %d predictions to %s/parquet and %s/jsonl%n", written,
        request.output(), request.output());
    return ExitCode.OK;
  }

  private static int partitions(String value) {
    try {
      int n = Integer.parseInt(value);
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("--partitions must be a positive integer, got '" + value + "'");
  }

  @Override
  public String help() {
    return USAGE + "  write a prompt checkpoint's predictions as Parquet and JSON Lines";
  }
}
