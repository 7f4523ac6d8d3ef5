package ptune.cli.commands.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The step times docs/benchmarks.md publishes for its quiet runs (2026-12-01, and the bf16 run of
 * 2026-12-02) are the numbers in the result files the commands wrote (docs/benchmarks/DATE/): every
 * cell of their tables is checked against the file its row names (a bare name: the 2026-12-01
 * directory), at the one decimal the tables show; a row that says bf16 names a bf16 file.
 */
class BenchmarksDocTest {

  private static final Path DOCS = Path.of("..", "docs");
  private static final Path RESULTS = DOCS.resolve("benchmarks/2026-12-01");
  private static final List<String> METHODS = List.of("ft", "pt", "pt2");
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void everyStepTimeOfTheTableIsItsFilesNumber() throws IOException {
    List<String> rows = Files.readAllLines(DOCS.resolve("benchmarks.md")).stream()
        .filter(line -> line.startsWith("| ") && (line.contains(".json |") || line.contains(".jsonl |")))
        .toList();
    assertEquals(12, rows.size(), "the tables' rows: " + rows);
    int checked = 0;
    for (String row : rows) {
      String[] cells = row.substring(2, row.length() - 2).split(" \\| ");
      Path file = cells[1].contains("/") ? DOCS.resolve("benchmarks").resolve(cells[1])
          : RESULTS.resolve(cells[1]);
      Map<String, Double> measured = stepTimes(file);
      if (cells[0].contains("bf16")) {
        for (JsonNode o : JSON.readTree(file.toFile())) {
          assertEquals("bf16", o.get("precision").asText(), row);
        }
      }
      for (int m = 0; m < METHODS.size(); m++) {
        String cell = cells[2 + m];
        if (cell.equals("-")) {
          assertTrue(!measured.containsKey(METHODS.get(m)), row + ": " + METHODS.get(m) + " was measured");
          continue;
        }
        assertEquals(String.format("%.1f", measured.get(METHODS.get(m))), cell, row + ", " + METHODS.get(m));
        checked++;
      }
    }
    assertEquals(32, checked);
  }

  /** method -> ms per step, from ptune bench's --json list or the anchor's JSON lines. */
  private static Map<String, Double> stepTimes(Path file) throws IOException {
    Map<String, Double> times = new HashMap<>();
    if (file.toString().endsWith(".jsonl")) {
      for (String line : Files.readAllLines(file)) {
        JsonNode o = JSON.readTree(line);
        times.put(o.get("method").asText(), o.get("step_ms").asDouble());
      }
    } else {
      for (JsonNode o : JSON.readTree(file.toFile())) {
        times.put(o.get("method").asText(), o.get("ms_per_step").asDouble());
      }
    }
    return times;
  }
}
