package ptune.dataset.stats;

import java.util.Arrays;

/**
 * p50/p90/p99/max of input lengths in tokens, by the nearest-rank method (the smallest length that
 * at least p% of the inputs do not exceed), so each value is a length that actually occurs.
 */
public record LengthPercentiles(int p50, int p90, int p99, int max) {

  public static LengthPercentiles of(int[] lengths) {
    if (lengths.length == 0) {
      return new LengthPercentiles(0, 0, 0, 0);
    }
    int[] sorted = lengths.clone();
    Arrays.sort(sorted);
    return new LengthPercentiles(
        rank(sorted, 50), rank(sorted, 90), rank(sorted, 99), sorted[sorted.length - 1]);
  }

  private static int rank(int[] sorted, int percent) {
    int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, index)];
  }
}
