package ptune.jobs;

import java.io.IOException;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import ptune.cli.Command;
import ptune.cli.Ptune;
import ptune.results.TrialTable;
import ptune.sweep.SweepConfig;
import ptune.sweep.SweepLayout;
import ptune.tables.TablePublisher;
import ptune.tables.TrialRecord;

/**
 * {@code ptune aggregate}: the paper-style tables and plots of a sweep's trials, or of several runs'
 * ({@code --from DIR/<sweep>} repeated), written under this sweep's tables/ and plots/.
 */
public final class AggregateJob implements Command {

  public static void main(String[] args) {
    System.exit(Ptune.runCommand(new AggregateJob(), args));
  }

  @Override
  public String help() {
    return "aggregate <config> [options]: tables, plots and changes since the previous run";
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

  static int execute(SparkSession spark, SweepConfig config, JobArguments args, JobConsole io) throws IOException {
    SweepLayout layout = SweepLayout.of(args.out(), config.name());
    List<SweepLayout> sources = args.from().isEmpty() ? List.of(layout)
        : args.from().stream().map(SweepLayout::atRoot).toList();
    Dataset<Row> trials = TrialTable.read(spark, sources);
    List<TrialRecord> records = TrialRecord.collect(trials);
    new TablePublisher(spark, io.console().out()).publish(records, layout, config.regressionThreshold());
    RunSummary.of(config.name(), layout, trials, io.logFile()).lines().forEach(io.console()::println);
    return 0;
  }
}
