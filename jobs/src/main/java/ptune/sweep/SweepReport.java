package ptune.sweep;

import java.util.List;

/**
 * What one sweep invocation did. A DIVERGED trial is a result (its grid point's loss blew up, the
 * best epoch before that is kept); a FAILED trial is not: it makes the exit code non-zero and the
 * next run retries it.
 *
 * @param skipped trials whose results already existed (not run again)
 * @param ran trials that ran in this invocation (with any outcome)
 * @param failed trials of the sweep that ended FAILED in this invocation; their errors are in the
 *     {@code error} column of {@code trialsCsv}
 * @param diverged trials of the sweep whose result is DIVERGED
 * @param timedOut trials of the sweep stopped by {@code trial_timeout}: no result yet (the tables
 *     leave them out), the next run continues them from their saved state
 * @param stopped trials of the sweep the successive-halving scheduler stopped at a rung (not promoted)
 * @param lost trials still without a result after all retry rounds (their executors died)
 * @param trialsCsv where the failed trials' errors can be read
 */
public record SweepReport(String sweep, int trials, int skipped, int ran, List<String> failed, int diverged,
    int timedOut, int stopped, List<String> lost, String trialsCsv) {

  public SweepReport {
    failed = List.copyOf(failed);
    lost = List.copyOf(lost);
  }

  public int failedCount() {
    return failed.size();
  }

  @Override
  public String toString() {
    String line = String.format("sweep %s: %d trials, %d already done, %d run now (%d failed, %d diverged%s), %d lost%s",
        sweep, trials, skipped, ran, failed.size(), diverged,
        (timedOut == 0 ? "" : ", " + timedOut + " timed out: a rerun continues them")
            + (stopped == 0 ? "" : ", " + stopped + " stopped at a rung by the scheduler"), lost.size(),
        lost.isEmpty() ? "" : " " + lost);
    return failed.isEmpty() ? line
        : line + String.format("%n%d trial(s) failed %s: their errors are in the error column of %s; a rerun retries them",
            failed.size(), failed, trialsCsv);
  }
}
