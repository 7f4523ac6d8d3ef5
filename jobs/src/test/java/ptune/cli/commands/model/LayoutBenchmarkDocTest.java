package ptune.cli.commands.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The executor-layout table of docs/benchmarks.md is its measurement's files
 * (docs/benchmarks/2026-12-01-layout/executor-cores-K/): the wall time /usr/bin/time wrote, the
 * trials that completed in its trials.csv, and trials per hour computed from both.
 */
class LayoutBenchmarkDocTest {

  private static final Path DOCS = Path.of("..", "docs");
  private static final Path RESULTS = DOCS.resolve("benchmarks/2026-12-01-layout");

  @Test
  void everyLayoutRowIsItsFiles() throws IOException {
    List<String> rows = Files.readAllLines(DOCS.resolve("benchmarks.md")).stream()
        .filter(line -> line.startsWith("| ") && line.contains("| executor-cores-"))
        .toList();
    assertEquals(2, rows.size(), "the layout table's rows: " + rows);
    for (String row : rows) {
      String[] cells = row.substring(2, row.length() - 2).split(" \\| ");
      Path dir = RESULTS.resolve(cells[2]);
      List<String> time = Files.readAllLines(dir.resolve("time.txt"));
      assertTrue(time.get(0).endsWith(" s wall") && time.contains("exit 0"), dir + "/time.txt: " + time);
      double wall = Double.parseDouble(time.get(0).replace(" s wall", ""));
      long completed = Files.readAllLines(dir.resolve("trials.csv")).stream().skip(1)
          .filter(l -> l.contains(",COMPLETED,")).count();
      assertEquals(String.format(Locale.ROOT, "%.1f", wall), cells[3], row);
      assertEquals(Long.toString(completed), cells[4], row);
      assertEquals(String.format(Locale.ROOT, "%.1f", completed * 3600 / wall), cells[5], row);
    }
  }
}
