package ptune.cli.commands.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ptune.model.Precision;

class BenchCommandTest {

  @TempDir Path dir;

  @Test
  void tinyBenchReportsEveryMethodWithPositiveNumbers() throws Exception {
    Path json = dir.resolve("bench.json");
    int code = new BenchCommand().run(new String[] {
        "--backbone", "minilm-l6", "--methods", "ft,pt,pt2", "--batch", "2", "--seq", "8",
        "--prefix", "4", "--threads", "2", "--steps", "2", "--warmup", "1", "--matmul", "256",
        "--json", json.toString()});
    assertEquals(0, code);
    JsonNode rows = new ObjectMapper().readTree(json.toFile());
    List<String> methods = new ArrayList<>();
    for (JsonNode row : rows) {
      methods.add(row.get("method").asText());
      for (String key : List.of("ms_per_step", "ex_per_s", "matmul_gflops", "forward_ms",
          "backward_ms")) {
        assertTrue(row.get(key).asDouble() > 0, key + " of " + row);
      }
      assertEquals(2, row.get("step_ms_all").size());
      assertTrue(row.get("threads").asInt() >= 1);
    }
    assertEquals(List.of("ft", "pt", "pt2"), methods);
  }

  @Test
  void medianOfOddAndEvenCounts() {
    assertEquals(2.0, BenchStepTimer.median(new double[] {3, 1, 2}));
    assertEquals(2.5, BenchStepTimer.median(new double[] {4, 1, 3, 2}));
  }

  @Test
  void timerRunsWarmupUntimedAndKeepsPhases() {
    int[] calls = {0};
    BenchStepTimer.Timings t = BenchStepTimer.time(() -> {
      calls[0]++;
      return new double[] {calls[0], 1};
    }, 2, 3);
    assertEquals(5, calls[0]);
    assertEquals(3, t.totalMs().size());
    assertEquals(4.0, t.medianPhase(0)); // timed calls were the 3rd, 4th and 5th
  }

  @Test
  void optionsRejectUnknownMethodsAndFlags() {
    assertThrows(IllegalArgumentException.class,
        () -> BenchOptions.parse(new String[] {"--methods", "ft,lora"}));
    assertThrows(IllegalArgumentException.class,
        () -> BenchOptions.parse(new String[] {"--bogus", "1"}));
    BenchOptions o = BenchOptions.parse(new String[] {"--batch", "4", "--methods", "pt2"});
    assertEquals(4, o.batch());
    assertEquals(List.of("pt2"), o.methods());
    assertEquals(128, o.seq());
  }

  @Test
  void bf16AppliesToTheFrozenBackbonesOnly() {
    BenchOptions o = BenchOptions.parse(new String[] {"--precision", "bf16"});
    assertEquals(Precision.BF16, BenchTrainingStep.precision("pt2", o));
    assertEquals(Precision.BF16, BenchTrainingStep.precision("pt", o));
    assertEquals(Precision.FP32, BenchTrainingStep.precision("ft", o));
    assertEquals(Precision.FP32, BenchOptions.parse(new String[0]).precision());
    assertThrows(IllegalArgumentException.class,
        () -> BenchOptions.parse(new String[] {"--precision", "fp8"}));
  }
}
