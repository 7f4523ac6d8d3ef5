package ptune.tables;

import java.util.List;

/**
 * A sample summarised for a two-sample test: mean, sample standard deviation (n - 1) and size. A
 * table cell's seeds give one (its mean ± std (n)); so do a cell's per-trial throughputs.
 */
public record SeedStats(double mean, double std, int n) {

  public static SeedStats of(List<Double> values) {
    return new SeedStats(ResultTable.mean(values), ResultTable.std(values), values.size());
  }
}
