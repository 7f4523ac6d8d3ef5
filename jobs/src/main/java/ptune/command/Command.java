package ptune.command;

/**
 * A subcommand of {@code ptune.cli.Ptune}: a name in its registry, a one-line help and a run
 * method. Here, below both the entry point and the commands, so that neither depends on the other's package.
 */
public interface Command {

  /** Runs the command; returns the process exit code. */
  int run(String[] args) throws Exception;

  /** Usage and purpose in one line, shown by {@code ptune help}. */
  String help();
}
