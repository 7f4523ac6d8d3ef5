package ptune.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The tables of docs/benchmarks.md's "The native allocator" are their files: each bench run's row
 * (docs/benchmarks/2026-12-03-allocator/NN-variant.json for ms per step, NN-variant.time.txt for
 * the seconds /usr/bin/time wrote), and each trial's row of per-epoch seconds
 * (docs/reproduction/squad/trials/trials.csv, epochs_json).
 */
class AllocatorBenchmarkDocTest {

  private static final Path DOCS = Path.of("..", "docs");
  private static final Path RUNS = DOCS.resolve("benchmarks/2026-12-03-allocator");
  private static final Path TRIALS = DOCS.resolve("reproduction/squad/trials/trials.csv");
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void everyBenchRowIsItsFiles() throws IOException {
    List<String> rows = section().stream().filter(line -> line.matches("\\| `\\d\\d-[a-z-]+` \\|.*")).toList();
    assertEquals(12, rows.size(), "the bench table's rows: " + rows);
    for (String row : rows) {
      String[] cells = cells(row);
      String run = cells[0].replace("`", "");
      double ms = JSON.readTree(RUNS.resolve(run + ".json").toFile()).get(0).get("ms_per_step").asDouble();
      List<String> time = Arrays.asList(Files.readString(RUNS.resolve(run + ".time.txt")).trim().split(" "));
      assertEquals(run, time.get(0), row);
      assertEquals(String.format(Locale.ROOT, "%.1f", ms), cells[1], row);
      assertEquals(time.get(time.indexOf("user") + 1), cells[2], row);
      assertEquals(time.get(time.indexOf("sys") + 1), cells[3], row);
      assertEquals(time.get(time.indexOf("wall") + 1), cells[4], row);
    }
  }

  @Test
  void everyTrialRowIsItsEpochSeconds() throws IOException {
    List<String> rows = section().stream().filter(line -> line.matches("\\| `[0-9a-f]{16}` .*")).toList();
    assertEquals(2, rows.size(), "the trial table's rows: " + rows);
    CsvTable trials = CsvTable.read(TRIALS);
    for (String row : rows) {
      String[] cells = cells(row);
      String id = cells[0].substring(1, 17);
      Map<String, String> trial = trials.rows().stream().filter(r -> r.get("trial_id").equals(id)).findFirst()
          .orElseThrow(() -> new AssertionError(id + " is not in " + TRIALS));
      assertTrue(cells[0].endsWith("(" + trial.get("method").toUpperCase(Locale.ROOT).replace("PT2", "PT-2") + ")"), row);
      List<String> seconds = new ArrayList<>();
      for (JsonNode epoch : JSON.readTree(trial.get("epochs_json"))) {
        seconds.add(String.format(Locale.ROOT, "%.0f", epoch.get("seconds").asDouble()));
      }
      assertEquals(6, seconds.size(), row);
      assertEquals(String.join(", ", seconds.subList(0, 3)), cells[1], row);
      assertEquals(String.join(", ", seconds.subList(3, 6)), cells[2], row);
    }
  }

  private static List<String> section() throws IOException {
    List<String> lines = Files.readAllLines(DOCS.resolve("benchmarks.md"));
    int start = lines.indexOf("## The native allocator (2026-12-03)");
    assertTrue(start >= 0, "docs/benchmarks.md has the section");
    int end = start + 1;
    while (end < lines.size() && !lines.get(end).startsWith("## ")) {
      end++;
    }
    return lines.subList(start, end);
  }

  private static String[] cells(String row) {
    return row.substring(2, row.length() - 2).split(" \\| ");
  }
}
