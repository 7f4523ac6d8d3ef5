package ptune.trial;

/** How a trial ended. A failed or diverged trial is a result too: it is recorded, never retried silently. */
public enum TrialStatus {
  /** Trained all epochs (or stopped early by patience) and was evaluated. */
  COMPLETED,
  /** The loss became NaN or infinite; the best epoch before that is kept. */
  DIVERGED,
  /** The trial's own code threw; {@link TrialResult#error()} says what. */
  FAILED
}
