package ptune.jobs;

import org.apache.spark.sql.SparkSession;
import ptune.command.Command;
import ptune.preprocess.FeatureEncoder;
import ptune.preprocess.FeaturePreprocessor;
import ptune.results.SweepLayout;
import ptune.sweep.GridExpander;
import ptune.sweep.SweepConfig;

/** {@code ptune preprocess}: tokenizes the sweep's datasets into Parquet and Arrow shards, once per input. */
public final class PreprocessJob implements Command {

  @Override
  public String help() {
    return "preprocess <config> [options]: tokenize the datasets to Parquet + Arrow (cached)";
  }

  @Override
  public int run(String[] argv) throws Exception {
    JobArguments args = JobArguments.parse(argv);
    SweepConfig config = JobConfigs.loadChecked(args);
    try (JobConsole io = JobConsole.open("preprocess", config, args)) {
      SparkSession spark = SparkSessionFactory.createWithoutTrials("preprocess", config, args);
      try {
        return execute(spark, config, args, io);
      } finally {
        spark.stop();
      }
    }
  }

  static int execute(SparkSession spark, SweepConfig config, JobArguments args, JobConsole io) throws ReflectiveOperationException {
    String encoderClass = config.preprocess().encoder();
    if (encoderClass == null) {
      io.console().println("preprocess " + config.name() + ": no preprocess.encoder configured; trials read the raw data");
      return 0;
    }
    FeatureEncoder encoder = (FeatureEncoder) Class.forName(encoderClass).getDeclaredConstructor().newInstance();
    new FeaturePreprocessor(spark, io.console().out()).run(GridExpander.expand(config), config.preprocessInput(),
        SweepLayout.of(args.out(), config.name()), encoder, args.force());
    return 0;
  }
}
