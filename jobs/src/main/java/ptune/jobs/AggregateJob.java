package ptune.jobs;

import java.io.IOException;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import ptune.command.Command;
import ptune.command.ExitCode;
import ptune.results.SweepLayout;
import ptune.results.TrialTable;
import ptune.sweep.RunHistory;
import ptune.sweep.SweepConfig;
import ptune.tables.RegressionRule;
import ptune.tables.RunComparisons;
import ptune.tables.TablePublisher;
import ptune.tables.ThroughputCells;
import ptune.tables.TrialRecord;

/**
 * {@code ptune aggregate}: the paper-style tables and plots of a sweep's trials, or of several runs'
 * ({@code --from DIR/<sweep>} repeated), written under this sweep's tables/ and plots/.
 */
public final class AggregateJob implements Command {

  @Override
  public String help() {
    return "aggregate <config> [options]: tables, plots and the comparison with the previous run (and --baseline RUN)";
  }

  @Override
  public int run(String[] argv) throws Exception {
    JobArguments args = JobArguments.parse(argv);
    SweepConfig config = JobConfigs.load(args);
    try (JobConsole io = JobConsole.open("aggregate", config, args)) {
      SparkSession spark = SparkSessionFactory.create("aggregate", config, args);
      try {
        return execute(spark, config, args, io);
      } finally {
        spark.stop();
      }
    }
  }

  /**
   * Returns 0, or {@link ExitCode#REGRESSED} when a cell regressed against the previous
   * run or the baseline (a failed sweep's own exit code takes precedence, see {@link RunJob}).
   */
  static int execute(SparkSession spark, SweepConfig config, JobArguments args, JobConsole io) throws IOException {
    SweepLayout layout = SweepLayout.of(args.out(), config.name());
    RunHistory.Run run = new RunHistory(layout).current();
    List<SweepLayout> sources = args.from().isEmpty() ? List.of(run.layout())
        : args.from().stream().map(SweepLayout::atRoot).toList();
    Dataset<Row> trials = TrialTable.read(spark, sources);
    List<TrialRecord> records = TrialRecord.collect(trials);
    RunComparisons comparisons = new TablePublisher(spark, io.console().out()).publish(new TablePublisher.Publication(
        records, ThroughputCells.of(trials), layout, run.id(), RegressionRule.of(config), config.description(),
        args.baseline()));
    RunSummary.of(config.name(), layout, trials, io.logFile()).lines().forEach(io.console()::println);
    if (comparisons.regressed()) {
      io.console().printf("aggregate %s: REGRESSED, see %s/comparison.md (exit code %d)%n", config.name(),
          layout.tables(), ExitCode.REGRESSED);
      return ExitCode.REGRESSED;
    }
    return 0;
  }
}
