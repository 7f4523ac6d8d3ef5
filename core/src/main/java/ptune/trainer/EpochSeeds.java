package ptune.trainer;

/**
 * Seeds of an epoch's random streams, functions of the trial's seed and the epoch alone: a run
 * resumed after epoch k draws epoch k+1's data order and dropout masks exactly as a run that never
 * stopped, with no generator state to save. SplitMix64's finalizer spreads neighbouring seeds and
 * epochs over unrelated streams.
 */
final class EpochSeeds {
  private static final long DATA_ORDER = 0x6a09e667f3bcc908L;
  private static final long DROPOUT = 0xbb67ae8584caa73bL;

  private EpochSeeds() {}

  /** Seed of the {@link java.util.Random} that shuffles epoch {@code epoch}'s batches. */
  static long dataOrder(long seed, int epoch) {
    return mix(mix(seed ^ DATA_ORDER) + epoch);
  }

  /** Seed of torch's generator, from which every dropout mask of epoch {@code epoch} is drawn. */
  static long dropout(long seed, int epoch) {
    return mix(mix(seed ^ DROPOUT) + epoch);
  }

  private static long mix(long x) {
    long z = x + 0x9e3779b97f4a7c15L;
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
