package ptune.jobs;

import java.time.Duration;
import org.apache.spark.sql.SparkSession;
import ptune.command.Command;
import ptune.command.ExitCode;
import ptune.results.SweepLayout;
import ptune.sweep.DistributedSweep;
import ptune.sweep.RunHistory;
import ptune.sweep.SweepConfig;
import ptune.sweep.SweepReport;

/** {@code ptune sweep}: runs every trial of a sweep that has no result yet, one Spark task each. */
public final class SweepJob implements Command {

  @Override
  public String help() {
    return "sweep <config> [options]: run the trials that have no result yet (--force: all; --rerun: all, as a new run)";
  }

  @Override
  public int run(String[] argv) throws Exception {
    JobArguments args = JobArguments.parse(argv);
    SweepConfig config = JobConfigs.loadChecked(args);
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
    RunHistory history = new RunHistory(SweepLayout.of(args.out(), config.name()));
    RunHistory.Run run = args.rerun() ? history.startRerun() : history.current();
    if (run.rerun()) {
      io.console().printf("sweep %s: run %s in %s%n", config.name(), run.id(), run.layout().root());
    }
    // A terminal's status block shows the elapsed time by the second; a plain status line waits for news.
    Duration poll = io.console().terminal() ? Duration.ofSeconds(1) : Duration.ofSeconds(10);
    SweepReport report = new DistributedSweep(spark, io.console(), poll).run(config, run.layout(), args.force());
    history.showInSweep(run);
    io.console().println(report.toString());
    return exitCode(report);
  }

  /** Lost trials first (they have no result at all), then failed ones; diverged trials are results. */
  static int exitCode(SweepReport report) {
    if (!report.lost().isEmpty()) {
      return ExitCode.TRIALS_LOST;
    }
    return report.failedCount() > 0 ? ExitCode.TRIALS_FAILED : ExitCode.OK;
  }
}
