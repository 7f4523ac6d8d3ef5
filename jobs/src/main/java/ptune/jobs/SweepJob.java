package ptune.jobs;

import java.time.Duration;
import org.apache.spark.sql.SparkSession;
import ptune.cli.Command;
import ptune.cli.Ptune;
import ptune.sweep.DistributedSweep;
import ptune.sweep.SweepConfig;
import ptune.sweep.SweepLayout;
import ptune.sweep.SweepReport;

/** {@code ptune sweep}: runs every trial of a sweep that has no result yet, one Spark task each. */
public final class SweepJob implements Command {

  /** Exit code when some trials are still without a result after the retry rounds. */
  static final int TRIALS_LOST = 3;

  public static void main(String[] args) {
    System.exit(Ptune.runCommand(new SweepJob(), args));
  }

  @Override
  public String help() {
    return "sweep <config> [options]: run the trials that have no result yet (--force: all)";
  }

  @Override
  public int run(String[] argv) throws Exception {
    JobArguments args = JobArguments.parse(argv);
    SweepConfig config = JobConfigs.load(args);
    try (JobConsole io = JobConsole.open("sweep", config, args)) {
      SparkSession spark = SparkSessionFactory.create("sweep", config, args);
      try {
        return execute(spark, config, args, io);
      } finally {
        spark.stop();
      }
    }
  }

  static int execute(SparkSession spark, SweepConfig config, JobArguments args, JobConsole io) {
    // A terminal's status block shows the elapsed time by the second; a plain status line waits for news.
    Duration poll = io.console().terminal() ? Duration.ofSeconds(1) : Duration.ofSeconds(10);
    SweepReport report = new DistributedSweep(spark, io.console(), poll)
        .run(config, SweepLayout.of(args.out(), config.name()), args.force());
    io.console().println(report.toString());
    return report.lost().isEmpty() ? 0 : TRIALS_LOST;
  }
}
