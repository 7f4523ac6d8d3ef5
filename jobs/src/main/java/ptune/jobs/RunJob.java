package ptune.jobs;

import org.apache.spark.sql.SparkSession;
import ptune.cli.Command;
import ptune.cli.Ptune;
import ptune.sweep.SweepConfig;

/** {@code ptune run}: preprocess, sweep and aggregate in one Spark session. */
public final class RunJob implements Command {

  public static void main(String[] args) {
    System.exit(Ptune.runCommand(new RunJob(), args));
  }

  @Override
  public String help() {
    return "run <config> [options]: preprocess, sweep, then aggregate";
  }

  @Override
  public int run(String[] argv) throws Exception {
    JobArguments args = JobArguments.parse(argv);
    SweepConfig config = JobConfigs.load(args);
    try (JobConsole io = JobConsole.open("run", config, args)) {
      SparkSession spark = SparkSessionFactory.create("run", config, args);
      try {
        int code = PreprocessJob.execute(spark, config, args, io);
        if (code != 0) {
          return code;
        }
        int sweep = SweepJob.execute(spark, config, args, io);
        int aggregate = AggregateJob.execute(spark, config, args, io);
        return sweep != 0 ? sweep : aggregate;
      } finally {
        spark.stop();
      }
    }
  }
}
