package ptune.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import ptune.trial.TrialSpec;

class GridExpanderTest {

  private static List<TrialSpec> expand(String yaml) throws IOException {
    return GridExpander.expand(
        SweepConfigReader.parse(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test.yaml"));
  }

  private static final String SWEEP = """
      name: g
      backbones: [b1, b2]
      methods: [ft, pt2]
      tasks: [cb, rte]
      seeds: [11, 14, 44]
      grid:
        lr: [1.0e-2, 5.0e-3]
        prefix_len: [8, 16, 32]
        epochs: 3
      overrides:
        - method: ft
          grid: {lr: [2.0e-5], prefix_len: null}
        - task: rte
          grid: {epochs: [5, 10]}
        - task: rte
          method: pt2
          grid: {prefix_len: 128}
      """;

  @Test
  void cartesianProductWithOverrides() throws IOException {
    List<TrialSpec> trials = expand(SWEEP);
    // per backbone: ft cb 1, ft rte 2 (epochs), pt2 cb 2x3, pt2 rte 2x1x2 -> 1 + 2 + 6 + 4 = 13 points
    assertEquals(2 * 13 * 3, trials.size());
    TrialSpec ft = trials.stream().filter(t -> t.method().equals("ft")).findFirst().orElseThrow();
    assertFalse(ft.hyperparameters().containsKey("prefix_len"), "null removes the axis for FT");
    assertEquals("2.0E-5", ft.get("lr", null));
    assertTrue(trials.stream().filter(t -> t.method().equals("pt2") && t.task().equals("rte"))
        .allMatch(t -> t.getInt("prefix_len", 0) == 128), "task+method override beats task and global");
    assertEquals(trials.size(), trials.stream().map(TrialSpec::trialId).distinct().count());
  }

  @Test
  void trialIdsAreStableAcrossExpansionsAndSweepNames() throws IOException {
    List<String> first = expand(SWEEP).stream().map(TrialSpec::trialId).toList();
    List<String> again = expand(SWEEP.replace("name: g", "name: renamed")).stream().map(TrialSpec::trialId).toList();
    assertEquals(first, again);
    // The same grid point written differently (1e-2 vs 0.01) is the same trial.
    TrialSpec a = TrialSpec.of("s", "b", "pt2", "cb", 11, Map.of("lr", "0.01"));
    String yaml = "name: s\nbackbones: b\nmethods: pt2\ntasks: cb\nseeds: 11\ngrid: {lr: 1.0e-2}\n";
    assertEquals(a.trialId(), expand(yaml).get(0).trialId());
    assertEquals("a3c1f0d54a5fd9f3".length(), a.trialId().length());
  }
}
