package ptune.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One published sweep's result files, as {@code conf/repro/run.sh} lays them out: {@code
 * tables/results.csv} (the cells of every table), {@code trials/trials.csv} (one row per trial) and
 * {@code run.json} (command, machine, commit and the sessions that ran it).
 */
record SweepResults(String name, Path dir, CsvTable cells, CsvTable trials, JsonNode run) {

  private static final ObjectMapper JSON = new ObjectMapper();

  static SweepResults load(String name, Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException("no published sweep '" + name + "': " + dir + " is not a directory");
    }
    Path runFile = dir.resolve("run.json");
    JsonNode run;
    try {
      run = JSON.readTree(runFile.toFile());
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + runFile + ": " + e.getMessage(), e);
    }
    return new SweepResults(name, dir, CsvTable.read(dir.resolve("tables/results.csv")),
        CsvTable.read(dir.resolve("trials/trials.csv")), run);
  }

  /** The cell of one table, or an error naming what was asked and what the sweep has. */
  Map<String, String> cell(String selection, String backbone, String method, String task) {
    return cells.rows().stream()
        .filter(r -> r.get("selection").equals(selection) && r.get("backbone").equals(backbone)
            && r.get("method").equals(method) && r.get("task").equals(task))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("sweep " + name + " has no cell " + selection + " "
            + backbone + " " + method + " " + task + " in " + cells.file() + "; it has "
            + cells.rows().stream().map(r -> r.get("selection") + " " + r.get("backbone") + " "
                + r.get("method") + " " + r.get("task")).distinct().toList()));
  }

  /** Any cell of the task in that table (majority class and dev size are per task). */
  Map<String, String> taskCell(String selection, String task) {
    return cells.rows().stream()
        .filter(r -> r.get("selection").equals(selection) && r.get("task").equals(task))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("sweep " + name + " has no task " + task
            + " in table " + selection + " (" + cells.file() + ")"));
  }

  List<Map<String, String>> trialsOf(String backbone, String method, String task) {
    return trials.rows().stream()
        .filter(r -> r.get("backbone").equals(backbone) && r.get("method").equals(method)
            && r.get("task").equals(task))
        .toList();
  }
}
