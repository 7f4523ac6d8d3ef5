package ptune.model;

import ai.djl.Device;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How a frozen backbone's linears multiply: {@code fp32}, or {@code bf16} (the frozen weights held
 * as bfloat16 copies and multiplied with the input cast to bf16, fp32 accumulation, the result back
 * in fp32; prompts, head, optimizer state and the loss stay fp32, as mixed precision does on GPUs).
 * Only a method that leaves the backbone frozen (pt, pt2) may ask for bf16.
 */
public enum Precision {
  FP32,
  BF16;

  /** The CPU flags of a bf16 matmul in hardware: AVX512_BF16 (Cooper Lake, Zen 4) or AMX. */
  private static final Pattern BF16_FLAGS = Pattern.compile("\\b(avx512_bf16|amx_bf16)\\b");

  /** {@code fp32} or {@code bf16}, case-insensitive. */
  public static Precision parse(String name) {
    for (Precision p : values()) {
      if (p.configName().equals(name.toLowerCase(Locale.ROOT))) {
        return p;
      }
    }
    throw new IllegalArgumentException("precision must be fp32 or bf16, got '" + name + "'");
  }

  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Whether {@code device} multiplies bf16 in hardware: a GPU (libtorch's CUDA kernels), or a CPU
   * whose {@code /proc/cpuinfo} flags name AVX512_BF16 or AMX. Elsewhere libtorch emulates bf16,
   * several times slower than fp32, so a trial falls back to fp32 there and says so.
   */
  public static boolean bf16MatmulIn(Device device) {
    if (device.isGpu()) {
      return true;
    }
    return cpuFlagsNameBf16(Path.of("/proc/cpuinfo"));
  }

  static boolean cpuFlagsNameBf16(Path cpuinfo) {
    if (!Files.isReadable(cpuinfo)) {
      return false; // not Linux: no flags to read, assume none
    }
    try (var lines = Files.lines(cpuinfo)) {
      return lines.filter(l -> l.startsWith("flags")).anyMatch(l -> BF16_FLAGS.matcher(l).find());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + cpuinfo, e);
    }
  }
}
