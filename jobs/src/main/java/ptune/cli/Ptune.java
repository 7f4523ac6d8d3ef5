package ptune.cli;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import ptune.cli.commands.checkpoint.EvaluateCommand;
import ptune.cli.commands.checkpoint.PredictCommand;
import ptune.cli.commands.data.BenchFeaturesCommand;
import ptune.cli.commands.data.DataStatsCommand;
import ptune.cli.commands.data.FetchDataCommand;
import ptune.cli.commands.model.BackboneCommand;
import ptune.cli.commands.model.BenchCommand;
import ptune.cli.commands.report.RenderCommand;
import ptune.command.Command;
import ptune.command.ExitCode;
import ptune.dataset.DatasetFormatException;
import ptune.jobs.AggregateJob;
import ptune.jobs.CheckJob;
import ptune.jobs.JobArguments;
import ptune.jobs.PreprocessJob;
import ptune.jobs.RunJob;
import ptune.jobs.SweepJob;
import ptune.results.DamagedResultsException;
import ptune.results.ResultWriteException;
import ptune.sweep.ConfigException;

/** The {@code ptune} command line: {@code ptune <command> [args]}; commands are registered here only. */
public final class Ptune {

  private static final Map<String, Command> COMMANDS = new LinkedHashMap<>();

  static {
    COMMANDS.put("preprocess", new PreprocessJob());
    COMMANDS.put("sweep", new SweepJob());
    COMMANDS.put("aggregate", new AggregateJob());
    COMMANDS.put("run", new RunJob());
    COMMANDS.put("check", new CheckJob());
    COMMANDS.put("evaluate", new EvaluateCommand());
    COMMANDS.put("predict", new PredictCommand());
    COMMANDS.put("backbone", new BackboneCommand());
    COMMANDS.put("bench", new BenchCommand());
    COMMANDS.put("fetch-data", new FetchDataCommand());
    COMMANDS.put("data-stats", new DataStatsCommand());
    COMMANDS.put("bench-features", new BenchFeaturesCommand());
    COMMANDS.put("render", new RenderCommand());
  }

  private Ptune() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  public static int run(String[] args) {
    if (args.length == 0 || args[0].equals("help") || args[0].equals("--help")) {
      printHelp();
      return args.length == 0 ? ExitCode.USAGE : ExitCode.OK;
    }
    Command command = COMMANDS.get(args[0]);
    if (command == null) {
      System.err.println("unknown command '" + args[0] + "'");
      printHelp();
      return ExitCode.USAGE;
    }
    return runCommand(command, Arrays.copyOfRange(args, 1, args.length));
  }

  /**
   * Runs one command, turning a user error (bad config, arguments or data) into a message and exit
   * code 2, an unwritable output into one message and 5; see {@link ExitCode}.
   */
  public static int runCommand(Command command, String[] args) {
    try {
      return command.run(args);
    } catch (ConfigException | IllegalArgumentException | DatasetFormatException e) {
      System.err.println("error: " + e.getMessage());
      return ExitCode.USAGE;
    } catch (ResultWriteException e) {
      System.err.println("error: " + e.getMessage() + " (results recorded before are kept)");
      return ExitCode.CANNOT_WRITE;
    } catch (DamagedResultsException e) {
      System.err.println("error: " + e.getMessage());
      return ExitCode.TRIALS_LOST;
    } catch (Exception e) {
      e.printStackTrace();
      return ExitCode.CRASH;
    }
  }

  private static void printHelp() {
    System.out.println("usage: ptune <command> [args]");
    COMMANDS.values().forEach(command -> System.out.println("  " + command.help()));
    System.out.println("options of preprocess, sweep, aggregate, run and check:");
    System.out.println("  " + JobArguments.USAGE.replace("[<config.yaml>|quickstart] ", ""));
    System.out.println("  <config>: a sweep YAML file, or \"quickstart\" (the default) for the embedded conf/quickstart.yaml");
  }
}
