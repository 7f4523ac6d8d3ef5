package ptune.trainer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * Groups examples into batches. Training batches use length bucketing: shuffle, sort within pools
 * of 50 batches by length (so padding stays small), then shuffle the batch order, all from the
 * trial's own seed.
 */
public final class Batches {
  private static final int POOL_BATCHES = 50;

  private Batches() {}

  public static List<List<EncodedExample>> forTraining(
      List<EncodedExample> examples, int batchSize, Random random) {
    List<EncodedExample> shuffled = new ArrayList<>(examples);
    Collections.shuffle(shuffled, random);
    List<List<EncodedExample>> batches = new ArrayList<>();
    int pool = batchSize * POOL_BATCHES;
    for (int start = 0; start < shuffled.size(); start += pool) {
      List<EncodedExample> chunk =
          new ArrayList<>(shuffled.subList(start, Math.min(shuffled.size(), start + pool)));
      chunk.sort(Comparator.comparingInt(EncodedExample::maxLength));
      batches.addAll(inOrder(chunk, batchSize));
    }
    Collections.shuffle(batches, random);
    return batches;
  }

  /** Consecutive batches in the given order (evaluation keeps example order). */
  public static List<List<EncodedExample>> inOrder(List<EncodedExample> examples, int batchSize) {
    List<List<EncodedExample>> batches = new ArrayList<>();
    for (int start = 0; start < examples.size(); start += batchSize) {
      batches.add(examples.subList(start, Math.min(examples.size(), start + batchSize)));
    }
    return batches;
  }
}
