package ptune.command;

/**
 * The process exit codes of {@code ptune} (README, "Exit codes"), defined here only: the entry
 * point, the commands and the reports that name a code all read them from this class.
 */
public final class ExitCode {

  /** Everything ran; diverged trials are results and do not change it. */
  public static final int OK = 0;
  /** An unexpected error (a bug or the environment); a stack trace is printed. */
  public static final int CRASH = 1;
  /** Bad command line, config or input data (file, line and key named); nothing ran. */
  public static final int USAGE = 2;
  /** Trials without a result after the retry rounds (executors lost), or damaged result parts. */
  public static final int TRIALS_LOST = 3;
  /** Every trial has a result but some FAILED; their errors are in trials.csv, a rerun retries them. */
  public static final int TRIALS_FAILED = 4;
  /** A result, checkpoint or table could not be written (read-only or full output filesystem). */
  public static final int CANNOT_WRITE = 5;
  /**
   * Every trial finished but a cell's score or throughput regressed against the previous or the
   * baseline run (decided by {@code ptune.tables.RegressionRule}); codes 3-5 win over it.
   */
  public static final int REGRESSED = 6;

  private ExitCode() {}
}
