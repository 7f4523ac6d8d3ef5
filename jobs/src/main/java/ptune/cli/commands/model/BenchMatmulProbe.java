package ptune.cli.commands.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/** The engine's fp32 matmul rate: median GFLOP/s of an n x n by n x n product (2 n^3 flops). */
final class BenchMatmulProbe {
  private BenchMatmulProbe() {}

  static double gflops(NDManager parent, int n, int warmup, int repeats) {
    try (NDManager m = parent.newSubManager()) {
      NDArray a = m.randomUniform(-1f, 1f, new Shape(n, n), DataType.FLOAT32);
      NDArray b = m.randomUniform(-1f, 1f, new Shape(n, n), DataType.FLOAT32);
      double[] rates = new double[repeats];
      for (int i = 0; i < warmup + repeats; i++) {
        long t0 = System.nanoTime();
        NDArray c = a.matMul(b);
        c.getFloat(0, 0); // CPU ops are synchronous; reading one value is a cheap barrier anyway
        double seconds = (System.nanoTime() - t0) / 1e9;
        c.close();
        if (i >= warmup) {
          rates[i - warmup] = 2.0 * n * n * n / seconds / 1e9;
        }
      }
      return BenchStepTimer.median(rates);
    }
  }
}
