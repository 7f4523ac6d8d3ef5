package ptune.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import ptune.cli.Ptune;
import ptune.sweep.ScriptedCurveRunner;
import ptune.testing.StandaloneCluster;
import ptune.testing.TestSweeps;

/**
 * Kill -9 the driver of a successive-halving sweep after its first rung was decided, while the
 * promoted trials train on; the rerun continues with the recorded promotions: the same grid points
 * continue at each rung as in an uninterrupted sweep, no first-rung run is repeated, and every
 * trial ends with one row (the best point's two seeds COMPLETED, the others STOPPED).
 */
@Tag("slow")
class AshaDriverKillTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  @Test
  @Timeout(240)
  void aKilledSchedulerSweepContinuesWithTheSamePromotions() throws Exception {
    Path log = tmp.resolve("runs.log");
    Path config = TestSweeps.write(tmp, "asha.yaml", """
        name: asha-kill
        runner: ptune.sweep.ScriptedCurveRunner
        backbones: [tiny]
        methods: [pt2]
        tasks: [cb]
        seeds: [1, 2]
        hyperparameter_types: {run_log: string, sleep_ms: int}
        grid:
          epochs: 9
          prefix_len: [8, 2, 16, 4, 32, 1, 64, 12, 6]
          sleep_ms: 400
          run_log: "%s"
        scheduler: {type: asha, grace_epochs: 1, reduction_factor: 3}
        spark:
          spark.ui.enabled: "false"
        """.formatted(log));
    Path out = tmp.resolve("out");
    Path decided = out.resolve("asha-kill/scheduler/tiny_pt2_cb.rung0.json");

    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(Arrays.stream(System.getProperty("ptune.spark.java.opens", "").split(" ")).filter(s -> !s.isBlank()).toList());
    // The scripted runner is one of the jobs module's test classes (its test-jar).
    String runner = Path.of(ScriptedCurveRunner.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    command.addAll(List.of("-Xmx1g", "-cp", new StandaloneCluster(tmp).executorClassPath() + File.pathSeparator + runner, "ptune.cli.Ptune",
        "sweep", config.toString(), "--out", out.toString()));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(tmp.resolve("driver.log").toFile());
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    Process driver = pb.start();
    try {
      Instant deadline = Instant.now().plus(Duration.ofSeconds(150));
      while (!Files.exists(decided)) {
        if (!driver.isAlive()) {
          fail("the driver ended (exit " + driver.exitValue() + ") before it could be killed:\n"
              + Files.readString(tmp.resolve("driver.log")));
        }
        assertTrue(Instant.now().isBefore(deadline), "rung 1 was not decided in time; see driver.log");
        Thread.sleep(50);
      }
      Thread.sleep(600); // into the second rung's job (6 runs of 400 ms, one at a time)
    } finally {
      driver.destroyForcibly(); // SIGKILL: no shutdown hooks
      driver.waitFor();
    }
    List<String> beforeKill = Files.readAllLines(log);
    assertTrue(beforeKill.stream().filter(l -> l.endsWith(" 1 1")).count() == 18, "rung 1 was trained: " + beforeKill);
    assertTrue(beforeKill.size() < 18 + 6 + 2, "killed mid-sweep: " + beforeKill);
    String rungOne = Files.readString(decided);

    assertEquals(0, Ptune.run(new String[] {"sweep", config.toString(), "--out", out.toString()}));

    assertEquals(rungOne, Files.readString(decided), "the recorded decision stands");
    assertEquals(List.of(64, 16, 12), prefixes(JSON.readTree(rungOne).get("promoted")));
    assertEquals(List.of(64),
        prefixes(JSON.readTree(Files.readString(out.resolve("asha-kill/scheduler/tiny_pt2_cb.rung1.json"))).get("promoted")));
    List<String> runs = Files.readAllLines(log);
    assertEquals(18, runs.stream().filter(l -> l.endsWith(" 1 1")).count(), "no first-rung run repeated: " + runs);
    Set<String> perTrialRung = new HashSet<>();
    for (String line : runs) {
      String[] f = line.split(" ");
      assertTrue(perTrialRung.add(f[0] + " " + f[2]), "trained to the same rung twice: " + line + " in " + runs);
    }

    Map<String, Integer> statuses = new TreeMap<>();
    try (Stream<Path> parts = Files.list(out.resolve("asha-kill/trials/parts"))) {
      for (Path p : parts.filter(p -> p.getFileName().toString().endsWith(".json")).toList()) {
        JsonNode row = JSON.readTree(Files.readString(p));
        statuses.merge(row.get("status").asText(), 1, Integer::sum);
        int prefix = row.get("prefix_len").asInt();
        assertEquals(prefix == 64 ? 9 : prefix == 16 || prefix == 12 ? 3 : 1, row.get("epochs_run").asInt(), row.toString());
      }
    }
    assertEquals(Map.of("COMPLETED", 2, "STOPPED", 16), statuses);
  }

  private static List<Integer> prefixes(JsonNode points) {
    List<Integer> out = new ArrayList<>();
    points.forEach(p -> out.add(Integer.parseInt(p.asText().replaceAll(".*prefix_len=([0-9]+).*", "$1"))));
    return out;
  }
}
