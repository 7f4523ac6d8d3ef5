package ptune.cli.commands.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Runs a step {@code warmup} times untimed, then {@code steps} times timed, and keeps the wall time
 * of each timed step and of each of its phases (ms). CPU ops in libtorch are synchronous, so wall
 * time around a phase is the time of its work.
 */
final class BenchStepTimer {

  /** One step that reports how long each of its phases took, in ms, in a fixed order. */
  interface PhasedStep {
    double[] run();
  }

  /** Per timed step: total ms and phase ms. */
  record Timings(List<Double> totalMs, List<double[]> phaseMs) {
    double medianTotal() {
      return median(totalMs.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** Median over steps of phase {@code i}. */
    double medianPhase(int i) {
      return median(phaseMs.stream().mapToDouble(p -> p[i]).toArray());
    }
  }

  private BenchStepTimer() {}

  static Timings time(PhasedStep step, int warmup, int steps) {
    for (int i = 0; i < warmup; i++) {
      step.run();
    }
    List<Double> totals = new ArrayList<>();
    List<double[]> phases = new ArrayList<>();
    for (int i = 0; i < steps; i++) {
      long t0 = System.nanoTime();
      double[] p = step.run();
      totals.add((System.nanoTime() - t0) / 1e6);
      phases.add(p);
    }
    return new Timings(totals, phases);
  }

  static double median(double[] values) {
    if (values.length == 0) {
      throw new IllegalArgumentException("median of no values");
    }
    double[] s = values.clone();
    Arrays.sort(s);
    int n = s.length;
    return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  }
}
