package ptune.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import ptune.cli.Ptune;
import ptune.testing.StandaloneCluster;
import ptune.testing.TestSweeps;

/**
 * Kill -9 the driver JVM in the middle of a sweep, then run the sweep again: the trials that had
 * finished are not run again, and every trial ends up with exactly one result.
 */
@Tag("slow")
class DriverKillResumeTest {

  @TempDir Path tmp;

  @Test
  @Timeout(180)
  void finishedTrialsSurviveAKilledDriverAndAreNotRunAgain() throws Exception {
    Path log = tmp.resolve("invocations.log");
    Path config = TestSweeps.write(tmp, "resume.yaml", """
        name: resume
        runner: ptune.testing.DeterministicTrialRunner
        backbones: [tiny]
        methods: [pt2]
        tasks: [cb]
        seeds: [1, 2, 3]
        hyperparameter_types: {sleep_ms: int, invocation_log: string}
        grid:
          lr: [1.0e-2, 5.0e-3]
          prefix_len: 8
          sleep_ms: 1500
          invocation_log: "%s"
        spark:
          spark.ui.enabled: "false"
        """.formatted(log));
    Path out = tmp.resolve("runs");
    Path parts = out.resolve("resume/trials/parts");

    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(Arrays.stream(System.getProperty("ptune.spark.java.opens", "").split(" ")).filter(s -> !s.isBlank()).toList());
    command.addAll(List.of("-Xmx1g", "-cp", new StandaloneCluster(tmp).executorClassPath(), "ptune.cli.Ptune",
        "sweep", config.toString(), "--out", out.toString()));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(tmp.resolve("driver.log").toFile());
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    Process driver = pb.start();
    Set<String> finishedBeforeKill;
    try {
      Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
      while (partIds(parts).size() < 2) {
        if (!driver.isAlive()) {
          fail("the driver ended (exit " + driver.exitValue() + ") before it could be killed:\n"
              + Files.readString(tmp.resolve("driver.log")));
        }
        assertTrue(Instant.now().isBefore(deadline), "no trial finished in time; see driver.log");
        Thread.sleep(100);
      }
    } finally {
      driver.destroyForcibly(); // SIGKILL: no shutdown hooks, no consolidation
      driver.waitFor();
    }
    finishedBeforeKill = partIds(parts);
    assertTrue(finishedBeforeKill.size() < 6, "killed mid-sweep, after " + finishedBeforeKill.size() + " trials");

    assertEquals(0, Ptune.run(new String[] {"sweep", config.toString(), "--out", out.toString()}));

    Map<String, Long> invocations = Files.readAllLines(log).stream()
        .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    assertEquals(6, partIds(parts).size(), "every trial has a result");
    assertEquals(6, invocations.size());
    for (String id : finishedBeforeKill) {
      assertEquals(1L, invocations.get(id), "trial " + id + " finished before the kill and was not run again");
    }
    List<String> csv = Files.readAllLines(out.resolve("resume/trials/trials.csv"));
    assertEquals(7, csv.size(), "header + 6 trials");
  }

  private static Set<String> partIds(Path parts) {
    File[] files = parts.toFile().listFiles((d, n) -> n.endsWith(".json") && !n.startsWith("."));
    return files == null ? Set.of()
        : Arrays.stream(files).map(f -> f.getName().replace(".json", "")).collect(Collectors.toSet());
  }
}
