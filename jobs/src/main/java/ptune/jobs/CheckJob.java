package ptune.jobs;

import ptune.command.Command;
import ptune.command.ExitCode;
import ptune.sweep.GridExpander;
import ptune.sweep.SweepConfig;

/**
 * {@code ptune check}: the pre-flight checks of {@code run}, {@code sweep} and {@code preprocess}
 * alone, without Spark and without running anything, e.g. before submitting a sweep to a cluster.
 */
public final class CheckJob implements Command {

  @Override
  public String help() {
    return "check <config> [options]: the pre-flight checks only (names, data files, ranges, limits, output)";
  }

  @Override
  public int run(String[] argv) {
    JobArguments args = JobArguments.parse(argv);
    SweepConfig config = JobConfigs.loadChecked(args);
    System.out.printf("check %s: %d trials pass the pre-flight checks%n", config.name(), GridExpander.expand(config).size());
    return ExitCode.OK;
  }
}
