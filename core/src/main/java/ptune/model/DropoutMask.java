package ptune.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.norm.Dropout;
import ai.djl.pytorch.engine.PtNDArray;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.SplittableRandom;

/**
 * Dropout as {@code torch.nn.functional.dropout} computes it while training: {@code x * noise},
 * where each element of noise is {@code 1/(1-p)} (as a float) with probability {@code 1-p} and 0
 * otherwise. The gradient is therefore {@code grad * noise}, as in standard dropout; the noise
 * itself needs none.
 *
 * <p>Why not libtorch's own dropout on the CPU: its {@code bernoulli_} draws a 64-bit double per
 * element from one serial mt19937 (the parallel MKL path is for Intel CPUs only), then divides the
 * noise by {@code 1-p} in a second pass. That was 488 of 1776 ms of a pt2 training step (MiniLM-L6,
 * batch 32, sequence 128, prefix 16), mostly the attention-probability masks of [B, nH, T, P+T].
 * Here Java writes the finished noise ({@code 0} or {@code 1/(1-p)}) straight into a tensor that
 * libtorch allocated: one {@link SplittableRandom#nextLong} gives two elements their 32-bit
 * uniform draws, each kept when its draw is below {@code round((1-p) * 2^32)}. The keep probability
 * is {@code 1-p} to within 2^-33.
 *
 * <p>Seeding: each mask's generator is seeded by one 63-bit draw from libtorch's generator, which
 * the trainer reseeds at the start of every epoch from (trial seed, epoch) ({@code
 * ptune.trainer.EpochSeeds}), so the masks of an epoch are the same whether the trial ran from
 * epoch 1 or resumed from a saved state (trials sharing a JVM still share that generator).
 */
public final class DropoutMask {
  private DropoutMask() {}

  /** {@code x} with dropout at {@code rate} when training; {@code x} itself, undrawn, otherwise. */
  public static NDArray apply(NDArray x, float rate, boolean training) {
    if (!training || rate == 0) {
      return x;
    }
    if (x.getDevice().isGpu() || x.getDataType() != DataType.FLOAT32) {
      // GPUs have a fused dropout kernel; a float noise would promote other dtypes to float32
      return Dropout.dropout(x, rate, true).singletonOrThrow();
    }
    return x.mul(noise(x.getManager(), x.getShape(), rate));
  }

  /** The noise tensor: each element {@code 1/(1-rate)} with probability {@code 1-rate}, else 0. */
  static NDArray noise(NDManager manager, Shape shape, float rate) {
    if (!(rate > 0 && rate < 1)) {
      throw new IllegalArgumentException("dropout rate must be in [0, 1), got " + rate);
    }
    int n = Math.toIntExact(shape.size());
    float scale = 1f / (1f - rate); // torch: noise.div_(1 - p) on a float tensor
    long threshold = Math.round((1.0 - rate) * 0x1p32); // keep when a 32-bit draw is below it
    SplittableRandom random = new SplittableRandom(seedFromEngine(manager));
    NDArray noise = manager.create(shape, DataType.FLOAT32); // uninitialized, owned by libtorch
    FloatBuffer out =
        ((PtNDArray) noise).toByteBuffer(true).order(ByteOrder.nativeOrder()).asFloatBuffer();
    int i = 0;
    for (; i + 1 < n; i += 2) {
      long bits = random.nextLong();
      out.put(i, (bits & 0xFFFFFFFFL) < threshold ? scale : 0f);
      out.put(i + 1, (bits >>> 32) < threshold ? scale : 0f);
    }
    if (i < n) {
      out.put(i, (random.nextLong() & 0xFFFFFFFFL) < threshold ? scale : 0f);
    }
    return noise;
  }

  private static long seedFromEngine(NDManager manager) {
    try (NDArray seed = manager.randomInteger(0, Long.MAX_VALUE, new Shape(), DataType.INT64)) {
      return seed.getLong();
    }
  }
}
