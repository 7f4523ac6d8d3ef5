package ptune.sweep;

import java.util.List;

/**
 * What one sweep invocation did.
 *
 * @param skipped trials whose results already existed (not run again)
 * @param lost trials still without a result after all retry rounds (their executors died)
 */
public record SweepReport(String sweep, int trials, int skipped, int ran, int failed, List<String> lost) {

  @Override
  public String toString() {
    return String.format("sweep %s: %d trials, %d already done, %d run now (%d failed or diverged), %d lost%s",
        sweep, trials, skipped, ran, failed, lost.size(), lost.isEmpty() ? "" : " " + lost);
  }
}
