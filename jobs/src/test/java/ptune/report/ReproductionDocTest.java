package ptune.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/reproduction.md is what its template renders to from the committed result files under
 * docs/reproduction/, so every number it shows is a number of those files; the template itself types
 * no result (no decimal number outside a placeholder, inline code or a code block, but the SQuAD
 * versions); and each published sweep is complete: run
 * from the config shipped in conf/repro/, every session exited 0, no trial failed.
 */
class ReproductionDocTest {

  private static final Path DOCS = Path.of("..", "docs");
  private static final Path RESULTS = DOCS.resolve("reproduction");
  private static final Path TEMPLATE = DOCS.resolve("reproduction.template.md");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{[^}]*}}");
  private static final Pattern DECIMAL = Pattern.compile("\\d+\\.\\d+");
  /** Inline code (config values such as `dropout: 0.1`) is not a result. */
  private static final Pattern CODE_SPAN = Pattern.compile("`[^`]*`");
  /** SQuAD v1.1 and v2.0. */
  private static final Set<String> VERSIONS = Set.of("1.1", "2.0");
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void theDocumentIsItsTemplateRenderedFromTheCommittedResults() throws IOException {
    String rendered = new ResultTemplate(RESULTS, "reproduction").render(TEMPLATE);
    assertEquals(rendered, Files.readString(DOCS.resolve("reproduction.md")),
        "docs/reproduction.md is stale: bin/ptune render docs/reproduction.template.md --results docs/reproduction "
            + "--out docs/reproduction.md");
  }

  @Test
  void theTemplateTypesNoResult() throws IOException {
    List<String> typed = new ArrayList<>();
    List<String> lines = Files.readAllLines(TEMPLATE);
    boolean code = false;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.startsWith("```")) {
        code = !code;
        continue;
      }
      Matcher decimal = DECIMAL.matcher(CODE_SPAN.matcher(PLACEHOLDER.matcher(line).replaceAll("")).replaceAll(""));
      while (!code && decimal.find()) {
        if (!VERSIONS.contains(decimal.group())) {
          typed.add((i + 1) + ": " + decimal.group());
        }
      }
    }
    assertTrue(typed.isEmpty(), "numbers typed into the template instead of read from results: " + typed);
  }

  @Test
  void everyPublishedSweepIsCompleteAndRanItsShippedConfig() throws IOException {
    List<Path> sweeps;
    try (Stream<Path> dirs = Files.list(RESULTS)) {
      sweeps = dirs.filter(Files::isDirectory).sorted().toList();
    }
    assertFalse(sweeps.isEmpty(), "no published sweep under " + RESULTS);
    for (Path sweep : sweeps) {
      String name = sweep.getFileName().toString();
      assertEquals(Files.readString(Path.of("..", "conf", "repro", name + ".yaml")),
          Files.readString(sweep.resolve("config.yaml")), name + ": published from another config than conf/repro/" + name + ".yaml");
      JsonNode run = JSON.readTree(sweep.resolve("run.json").toFile());
      assertTrue(run.path("sessions").size() >= 1, name + ": no session in run.json");
      for (JsonNode session : run.path("sessions")) {
        assertEquals(0, session.path("exit_code").asInt(-1), name + ": a session exited " + session);
      }
      for (var trial : CsvTable.read(sweep.resolve("trials/trials.csv")).rows()) {
        assertTrue(Set.of("COMPLETED", "DIVERGED").contains(trial.get("status")),
            name + ": trial " + trial.get("trial_id") + " is " + trial.get("status"));
      }
      for (String table : List.of("results.csv", "selected-on-dev.md", "selected-on-held-out.md")) {
        assertTrue(Files.isRegularFile(sweep.resolve("tables").resolve(table)), name + ": no tables/" + table);
      }
    }
  }
}
