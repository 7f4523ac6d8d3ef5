package ptune.trial;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ptune.model.Precision;

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

  /** The assigned device as the result row records it, with a bf16 request it could not honour. */
  static String describe(String assigned, TrialSpec spec) {
    Device actual = of(assigned);
    String device = actual.isGpu() || assigned.equals("cpu") ? assigned
        : assigned + " (no CUDA engine: cpu)";
    return bf16Refused(spec, actual) ? device + " (no bf16 matmul: fp32)" : device;
  }

  /**
   * The precision the trial runs in: its {@code precision}, except that bf16 falls back to fp32 on
   * a CPU that would only emulate it (several times slower than fp32; {@link
   * Precision#bf16MatmulIn}).
   */
  static Precision precision(TrialSpec spec, Device device) {
    return bf16Refused(spec, device) ? Precision.FP32 : TrialHyperparameters.precision(spec);
  }

  static boolean bf16Refused(TrialSpec spec, Device device) {
    return TrialHyperparameters.precision(spec) == Precision.BF16 && !Precision.bf16MatmulIn(device);
  }
}
