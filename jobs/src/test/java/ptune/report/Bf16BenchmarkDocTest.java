package ptune.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The fp32-vs-bf16 sweep table of docs/benchmarks.md ("A bf16 frozen backbone") is its trials
 * file (docs/benchmarks/2026-12-02-bf16/sweep/bench-bf16/trials/trials.csv, written by
 * conf/bench/bf16.sh): per precision, the completed trials, dev accuracy mean ± sample standard
 * deviation (points), mean trial minutes and mean training examples per second.
 */
class Bf16BenchmarkDocTest {

  private static final Path DOCS = Path.of("..", "docs");
  private static final Path TRIALS =
      DOCS.resolve("benchmarks/2026-12-02-bf16/sweep/bench-bf16/trials/trials.csv");

  @Test
  void everyRowOfTheSweepTableIsItsTrials() throws IOException {
    List<String> rows = Files.readAllLines(DOCS.resolve("benchmarks.md")).stream()
        .filter(line -> line.startsWith("| `fp32` |") || line.startsWith("| `bf16` |"))
        .toList();
    assertEquals(2, rows.size(), "the sweep table's rows: " + rows);
    CsvTable trials = CsvTable.read(TRIALS);
    for (String row : rows) {
      String[] cells = row.substring(2, row.length() - 2).split(" \\| ");
      String precision = cells[0].replace("`", "");
      List<Map<String, String>> mine = trials.rows().stream()
          .filter(r -> r.get("precision").equals(precision) && r.get("status").equals("COMPLETED"))
          .toList();
      double[] dev = mine.stream().mapToDouble(r -> 100 * Double.parseDouble(r.get("dev_score"))).toArray();
      double mean = mean(dev);
      double ss = 0;
      for (double d : dev) {
        ss += (d - mean) * (d - mean);
      }
      double std = Math.sqrt(ss / (dev.length - 1));
      double minutes = mean(mine.stream().mapToDouble(r -> Double.parseDouble(r.get("seconds")) / 60).toArray());
      double exPerS = mean(mine.stream().mapToDouble(r -> Double.parseDouble(r.get("examples_per_second"))).toArray());
      assertEquals(Integer.toString(mine.size()), cells[1], row);
      assertEquals(String.format(Locale.ROOT, "%.1f ± %.1f", mean, std), cells[2], row);
      assertEquals(String.format(Locale.ROOT, "%.1f", minutes), cells[3], row);
      assertEquals(String.format(Locale.ROOT, "%.1f", exPerS), cells[4], row);
    }
  }

  private static double mean(double[] values) {
    double sum = 0;
    for (double v : values) {
      sum += v;
    }
    return sum / values.length;
  }
}
