package ptune.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import ptune.checkpoint.PromptCheckpoint;
import ptune.cli.Ptune;
import ptune.dataset.DataDirectory;
import ptune.tables.TablePublisher;
import ptune.testing.CommandLine;
import ptune.testing.StandaloneCluster;
import ptune.testing.TestSweeps;
import ptune.trainer.TrainingStateFormat;

/**
 * #12 section 1's test: a real pt2 trial (minilm-l6, real SST-2 examples, dropout 0.1) in a sweep
 * whose driver JVM is killed (SIGKILL) once the trial has saved its state after epoch k of 4; the
 * rerun resumes it at k (resumed_epochs = k) and its result (per-epoch losses and dev scores, best
 * epoch, checkpoint tensors) equals, bit for bit, the same sweep run without interruption. Its state
 * file is gone once the result is written. A trial stopped by {@code trial_timeout} is recorded
 * TIMED_OUT and the next run continues it.
 */
@Tag("slow")
class TrialKillResumeTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int EPOCHS = 4;

  @TempDir Path tmp;

  @Test
  @Timeout(600)
  void aTrialKilledAfterEpochKResumesThereAndEndsAsAnUninterruptedRun() throws Exception {
    Path config = TestSweeps.write(tmp, "kill.yaml", sweep(""));
    Path killed = tmp.resolve("killed");
    Path stateDir = killed.resolve("kill/state");

    int k = killAfterASavedEpoch(config, killed, stateDir);
    assertTrue(k >= 1 && k < EPOCHS, "killed after epoch " + k);
    assertEquals(null, partOf(killed), "the trial had no result when its JVM was killed");

    assertEquals(0, Ptune.run(new String[] {"sweep", config.toString(), "--out", killed.toString()}));
    Path uninterrupted = tmp.resolve("uninterrupted");
    assertEquals(0, Ptune.run(new String[] {"sweep", config.toString(), "--out", uninterrupted.toString()}));

    JsonNode resumed = JSON.readTree(partOf(killed).toFile());
    JsonNode whole = JSON.readTree(partOf(uninterrupted).toFile());
    assertEquals("COMPLETED", resumed.get("status").asText(), resumed.path("error").asText());
    assertEquals(k, resumed.get("resumed_epochs").asInt());
    assertEquals(0, whole.get("resumed_epochs").asInt());
    assertEquals(EPOCHS, resumed.get("epochs_run").asInt());
    assertEquals(whole.get("dev_scores"), resumed.get("dev_scores"));
    assertEquals(withoutSeconds(whole.get("epochs_json")), withoutSeconds(resumed.get("epochs_json")));
    assertEquals(whole.get("best_epoch"), resumed.get("best_epoch"));
    assertEquals(whole.get("dev_score"), resumed.get("dev_score"));

    String id = resumed.get("trial_id").asText();
    Map<String, float[]> a = PromptCheckpoint.load(killed.resolve("kill/checkpoints/" + id)).tensors();
    Map<String, float[]> b = PromptCheckpoint.load(uninterrupted.resolve("kill/checkpoints/" + id)).tensors();
    assertEquals(b.keySet(), a.keySet());
    b.forEach((name, values) -> assertArrayEquals(values, a.get(name), name));
    assertFalse(Files.exists(stateDir.resolve(id + ".bin")), "the state is deleted once the result is written");
  }

  /**
   * The same trial with a time limit too short for one epoch: it stops after epoch 1 as TIMED_OUT
   * with its best epoch so far, the tables leave it out and the summary counts it, the exit code is
   * 0; the next run (no limit) does not count it done but continues it from epoch 2.
   */
  @Test
  @Timeout(600)
  void aTimedOutTrialIsCountedLeftOutOfTheTablesAndContinuedByTheNextRun() throws Exception {
    Path out = tmp.resolve("runs");
    Path limited = TestSweeps.write(tmp, "limited.yaml", sweep("trial_timeout: 0.001"));
    CommandLine first = CommandLine.run("run", limited.toString(), "--out", out.toString());
    assertEquals(0, first.exitCode(), first.error());
    assertTrue(first.out().contains("1 trials, 0 completed, 0 failed, 0 diverged, 1 timed out (a rerun continues them)"),
        first.out());
    JsonNode stopped = JSON.readTree(partOf(out).toFile());
    assertEquals("TIMED_OUT", stopped.get("status").asText(), stopped.path("error").asText());
    assertEquals(1, stopped.get("epochs_run").asInt());
    assertEquals(1, stopped.get("best_epoch").asInt());
    assertTrue(Files.readString(out.resolve("kill/tables/" + TablePublisher.REPORT)).contains("1 timed out"));
    assertTrue(first.out().contains("Left out: 1 timed-out trial(s)"), first.out());

    Path unlimited = TestSweeps.write(tmp, "kill.yaml", sweep(""));
    CommandLine second = CommandLine.run("run", unlimited.toString(), "--out", out.toString());
    assertEquals(0, second.exitCode(), second.error());
    assertTrue(second.out().contains("0 already done, 1 to run (1 timed out before: continued)"), second.out());
    JsonNode resumed = JSON.readTree(partOf(out).toFile());
    assertEquals("COMPLETED", resumed.get("status").asText(), resumed.path("error").asText());
    assertEquals(1, resumed.get("resumed_epochs").asInt());
    assertEquals(EPOCHS, resumed.get("epochs_run").asInt());
    assertEquals(stopped.get("dev_scores").get(0), resumed.get("dev_scores").get(0));
  }

  private static String sweep(String extra) {
    return """
        name: kill
        data_dir: %s
        backbones: [minilm-l6]
        methods: [pt2]
        tasks: [sst2]
        seeds: [3]
        grid:
          lr: 2.0e-2
          epochs: %d
          batch_size: 8
          max_len: 48
          prefix_len: 4
          max_train_examples: 160
          max_dev_examples: 48
        state_every: 1
        spark:
          spark.ui.enabled: "false"
        %s
        """.formatted(DataDirectory.resolve(), EPOCHS, extra);
  }

  /** Runs the sweep in a JVM of its own, kills it once a state is saved; the state's epoch. */
  private int killAfterASavedEpoch(Path config, Path out, Path stateDir) throws Exception {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(Arrays.stream(System.getProperty("ptune.spark.java.opens", "").split(" ")).filter(s -> !s.isBlank()).toList());
    command.addAll(List.of("-Xmx2g", "-cp", new StandaloneCluster(tmp).executorClassPath(), "ptune.cli.Ptune",
        "sweep", config.toString(), "--out", out.toString()));
    Path log = tmp.resolve("driver.log");
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    Process driver = pb.start();
    try {
      Instant deadline = Instant.now().plus(Duration.ofSeconds(300));
      while (stateFile(stateDir) == null) {
        if (!driver.isAlive()) {
          fail("the sweep ended (exit " + driver.exitValue() + ") before a state was saved:\n" + Files.readString(log));
        }
        assertTrue(Instant.now().isBefore(deadline), "no state saved in time; see " + log);
        Thread.sleep(20);
      }
    } finally {
      driver.destroyForcibly(); // SIGKILL: the trial dies mid-epoch, nothing is written after
      driver.waitFor();
    }
    Path state = stateFile(stateDir);
    try (InputStream in = Files.newInputStream(state)) {
      return TrainingStateFormat.read(in, state.toString()).completedEpochs();
    }
  }

  private static Path stateFile(Path dir) throws Exception {
    if (!Files.isDirectory(dir)) {
      return null;
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.getFileName().toString().endsWith(".bin")).findFirst().orElse(null);
    }
  }

  private static Path partOf(Path out) throws Exception {
    Path parts = out.resolve("kill/trials/parts");
    if (!Files.isDirectory(parts)) {
      return null;
    }
    try (Stream<Path> files = Files.list(parts)) {
      return files.filter(p -> p.getFileName().toString().endsWith(".json") && !p.getFileName().toString().startsWith("."))
          .findFirst().orElse(null);
    }
  }

  /** The per-epoch records without their wall-clock seconds (which differ from run to run). */
  private static JsonNode withoutSeconds(JsonNode epochsJson) throws Exception {
    ArrayNode epochs = (ArrayNode) JSON.readTree(epochsJson.asText());
    epochs.forEach(e -> ((ObjectNode) e).remove("seconds"));
    return epochs;
  }
}
