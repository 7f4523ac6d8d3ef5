package ptune.trial;

import ai.djl.Device;
import ai.djl.engine.Engine;

/**
 * The DJL device for an assigned "cpu" or "gpu:N". A GPU address on an engine without CUDA (the
 * CPU libtorch, or Spark's emulated gpu resources in tests) runs on the CPU; the result row then
 * records "gpu:N (no CUDA engine: cpu)" so the mismatch is visible, not hidden.
 */
final class TrialDevice {
  private TrialDevice() {}

  static Device of(String name) {
    if (name == null || name.equals("cpu")) {
      return Device.cpu();
    }
    if (name.startsWith("gpu:")) {
      return Engine.getInstance().getGpuCount() > 0
          ? Device.gpu(Integer.parseInt(name.substring(4)))
          : Device.cpu();
    }
    throw new IllegalArgumentException("device must be cpu or gpu:N, got " + name);
  }

  /** The assigned device as the result row records it. */
  static String describe(String assigned) {
    Device actual = of(assigned);
    return actual.isGpu() || assigned.equals("cpu") ? assigned
        : assigned + " (no CUDA engine: cpu)";
  }
}
