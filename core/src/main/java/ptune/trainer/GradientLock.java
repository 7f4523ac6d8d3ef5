package ptune.trainer;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.training.GradientCollector;
import java.util.function.Supplier;
import ptune.model.Scale;

/**
 * DJL's PyTorch engine allows one open GradientCollector per JVM. Two trials in one executor (an
 * executor with two GPUs, or local[2]) therefore take turns for forward + backward; the optimizer
 * update runs outside the lock.
 */
final class GradientLock {
  private static final Object LOCK = new Object();

  private GradientLock() {}

  /** Runs {@code forward} with gradient recording and back-propagates the loss it returns. */
  static float forwardBackward(Supplier<NDArray> forward, float scale) {
    synchronized (LOCK) {
      try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
        NDArray loss = forward.get();
        collector.backward(scale == 1f ? loss : Scale.by(loss, scale));
        return loss.getFloat();
      }
    }
  }
}
