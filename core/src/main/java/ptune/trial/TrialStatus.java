package ptune.trial;

/**
 * How a trial ended; every outcome is recorded. A DIVERGED trial is a result of its grid point; a
 * FAILED one is not: the sweep exits non-zero and the next run retries it (and says so). A
 * TIMED_OUT one is not either (it did not run all its epochs): the next run continues it from its
 * saved training state.
 */
public enum TrialStatus {
  /** Trained all epochs (or stopped early by patience) and was evaluated. */
  COMPLETED,
  /** The loss became NaN or infinite; the best epoch before that is kept. */
  DIVERGED,
  /** The trial's own code threw; {@link TrialResult#error()} says what. */
  FAILED,
  /**
   * The run hit its time limit ({@code trial_timeout}) and stopped at an epoch end; its curve and
   * best epoch so far are kept, and its training state where the environment keeps one.
   */
  TIMED_OUT,
  /**
   * The run reached the epoch limit its environment set ({@link TrialEnvironment#untilEpoch()}, a
   * rung of the sweep's successive-halving scheduler) before its last epoch; curve, best epoch so
   * far and training state are kept. The scheduler continues it if it is promoted; otherwise it
   * stays STOPPED: recorded, but no result of its grid point (it did not train all its epochs).
   */
  STOPPED;

  /** A result of its grid point, which a rerun keeps: COMPLETED or DIVERGED. */
  public boolean done() {
    return this == COMPLETED || this == DIVERGED;
  }
}
