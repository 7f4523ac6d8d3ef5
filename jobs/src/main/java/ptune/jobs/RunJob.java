package ptune.jobs;

import org.apache.spark.sql.SparkSession;
import ptune.command.Command;
import ptune.results.SweepLayout;
import ptune.sweep.RunHistory;
import ptune.sweep.SweepConfig;

/** {@code ptune run}: preprocess, sweep and aggregate in one Spark session. */
public final class RunJob implements Command {

  @Override
  public String help() {
    return "run <config> [options]: preprocess, sweep, then aggregate (--rerun: every trial again, as a new run)";
  }

  @Override
  public int run(String[] argv) throws Exception {
    JobArguments args = JobArguments.parse(argv);
    SweepConfig config = JobConfigs.loadChecked(args);
    try (JobConsole io = JobConsole.open("run", config, args)) {
      SparkSession spark = SparkSessionFactory.create("run", config, args);
      try {
        if (args.baseline() != null) { // an unknown baseline is an argument error, before any trial runs
          new RunHistory(SweepLayout.of(args.out(), config.name())).baselineTables(args.baseline());
        }
        int code = PreprocessJob.execute(spark, config, args, io);
        if (code != 0) {
          return code;
        }
        int sweep = SweepJob.execute(spark, config, args, io);
        int aggregate = AggregateJob.execute(spark, config, args, io);
        // Lost or failed trials (the sweep's code) win over a regression: a regression measured on an
        // incomplete run is not the news.
        return sweep != 0 ? sweep : aggregate;
      } finally {
        spark.stop();
      }
    }
  }
}
