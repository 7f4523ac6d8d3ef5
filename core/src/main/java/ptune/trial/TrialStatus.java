package ptune.trial;

/**
 * How a trial ended; every outcome is recorded. A DIVERGED trial is a result of its grid point; a
 * FAILED one is not: the sweep exits non-zero and the next run retries it (and says so).
 */
public enum TrialStatus {
  /** Trained all epochs (or stopped early by patience) and was evaluated. */
  COMPLETED,
  /** The loss became NaN or infinite; the best epoch before that is kept. */
  DIVERGED,
  /** The trial's own code threw; {@link TrialResult#error()} says what. */
  FAILED
}
