package ptune.cli;

/** A subcommand of {@link Ptune}: a name in its registry, a one-line help and a run method. */
public interface Command {

  /** Runs the command; returns the process exit code. */
  int run(String[] args) throws Exception;

  /** Usage and purpose in one line, shown by {@code ptune help}. */
  String help();
}
