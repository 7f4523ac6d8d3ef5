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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * docs/reproduction.md and docs/sweeps.md are what their templates render to from the committed
 * result files under docs/reproduction/, so every number they show is a number of those files; the
 * templates themselves type no result (no decimal number outside a placeholder, inline code or a
 * code block, but the SQuAD versions); and each published sweep is complete: run from the config
 * shipped in conf/repro/, every session exited 0, every trial finished (or, under a scheduler,
 * was stopped by it).
 */
class ReproductionDocTest {

  private static final Path DOCS = Path.of("..", "docs");
  private static final Path RESULTS = DOCS.resolve("reproduction");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{[^}]*}}");
  private static final Pattern DECIMAL = Pattern.compile("\\d+\\.\\d+");
  /** Inline code (config values such as `dropout: 0.1`) is not a result. */
  private static final Pattern CODE_SPAN = Pattern.compile("`[^`]*`");
  /** SQuAD v1.1 and v2.0. */
  private static final Set<String> VERSIONS = Set.of("1.1", "2.0");
  private static final ObjectMapper JSON = new ObjectMapper();

  @ParameterizedTest
  @ValueSource(strings = {"reproduction", "sweeps"})
  void theDocumentIsItsTemplateRenderedFromTheCommittedResults(String doc) throws IOException {
    String rendered = new ResultTemplate(RESULTS, "reproduction").render(DOCS.resolve(doc + ".template.md"));
    assertEquals(rendered, Files.readString(DOCS.resolve(doc + ".md")),
        "docs/" + doc + ".md is stale: bin/ptune render docs/" + doc + ".template.md --results docs/reproduction "
            + "--out docs/" + doc + ".md");
  }

  @ParameterizedTest
  @ValueSource(strings = {"reproduction", "sweeps"})
  void theTemplateTypesNoResult(String doc) throws IOException {
    List<String> typed = new ArrayList<>();
    List<String> lines = Files.readAllLines(DOCS.resolve(doc + ".template.md"));
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
      String config = Files.readString(Path.of("..", "conf", "repro", name + ".yaml"));
      assertEquals(config, Files.readString(sweep.resolve("config.yaml")), name + ": published from another config than conf/repro/" + name + ".yaml");
      JsonNode run = JSON.readTree(sweep.resolve("run.json").toFile());
      JsonNode sessions = run.path("sessions");
      assertTrue(sessions.size() >= 1, name + ": no session in run.json");
      // Earlier sessions may have been stopped (a sweep carried to another machine: conf/repro/run.sh
      // --carry); the one that finished it exited 0.
      JsonNode last = sessions.get(sessions.size() - 1);
      assertEquals(0, last.path("exit_code").asInt(-1), name + ": the last session exited " + last);
      Set<String> finished = config.contains("\nscheduler:") ? Set.of("COMPLETED", "DIVERGED", "STOPPED")
          : Set.of("COMPLETED", "DIVERGED");
      for (var trial : CsvTable.read(sweep.resolve("trials/trials.csv")).rows()) {
        assertTrue(finished.contains(trial.get("status")),
            name + ": trial " + trial.get("trial_id") + " is " + trial.get("status"));
      }
      for (String table : List.of("results.csv", "selected-on-dev.md", "selected-on-held-out.md")) {
        assertTrue(Files.isRegularFile(sweep.resolve("tables").resolve(table)), name + ": no tables/" + table);
      }
    }
  }

  /**
   * A trial id names its backbone, method, task, seed and hyperparameters: published sweeps that
   * ran the same id (a full grid and the same grid under successive halving; a chosen point rerun
   * with more seeds) must show the same per-epoch dev scores, bit for bit, up to the epoch the
   * shorter run reached. A promoted trial continued from its saved state trains as one run in one go.
   */
  @Test
  void aTrialInTwoSweepsHasOneCurve() throws IOException {
    Map<String, String> curves = new HashMap<>();
    Map<String, String> seenIn = new HashMap<>();
    int shared = 0;
    try (Stream<Path> dirs = Files.list(RESULTS)) {
      for (Path sweep : dirs.filter(Files::isDirectory).sorted().toList()) {
        for (var trial : CsvTable.read(sweep.resolve("trials/trials.csv")).rows()) {
          String id = trial.get("trial_id");
          String curve = trial.get("dev_scores");
          String other = curves.putIfAbsent(id, curve);
          if (other != null) {
            shared++;
            boolean otherShorter = other.length() <= curve.length();
            String shorter = otherShorter ? other : curve;
            String longer = otherShorter ? curve : other;
            assertTrue(longer.equals(shorter) || longer.startsWith(shorter + ";"), "trial " + id + " in "
                + seenIn.get(id) + " and " + sweep.getFileName() + ": dev scores " + other + " vs " + curve);
          }
          seenIn.putIfAbsent(id, sweep.getFileName().toString());
        }
      }
    }
    assertTrue(shared > 0, "no trial id in two published sweeps (the full grid and the ASHA sweep share them)");
  }

  /**
   * The ablations' unablated variant (all layers, no MLP) is the cb sweep's best PT-2 point spelled
   * out with its defaults, so its trial ids differ from cb's: its per-epoch dev scores must still be
   * cb's, seed for seed (docs/reproduction.md says so).
   */
  @Test
  void theUnablatedVariantRepeatsCbsTrials() throws IOException {
    Map<String, String> cb = new HashMap<>();
    for (var t : CsvTable.read(RESULTS.resolve("cb/trials/trials.csv")).rows()) {
      if (t.get("method").equals("pt2") && Double.parseDouble(t.get("lr")) == 5e-3 && t.get("prefix_len").equals("16")) {
        cb.put(t.get("seed"), t.get("dev_scores"));
      }
    }
    Map<String, String> unablated = new HashMap<>();
    for (var t : CsvTable.read(RESULTS.resolve("ablations/trials/trials.csv")).rows()) {
      if (t.get("prefix_projection").equals("false") && t.get("prefix_depth").equals("6")) {
        assertEquals(5e-3, Double.parseDouble(t.get("lr")), "the ablations ran at another point than cb's");
        unablated.put(t.get("seed"), t.get("dev_scores"));
      }
    }
    assertEquals(3, unablated.size(), "three seeds of the unablated variant");
    assertEquals(cb, unablated);
  }
}
