package ptune.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ptune.checkpoint.PromptCheckpoint;
import ptune.command.ExitCode;
import ptune.dataset.DataDirectory;
import ptune.metrics.Evaluation;
import ptune.testing.CommandLine;
import ptune.trial.CheckpointModel;

/**
 * One real small sweep (MiniLM-L6, PT-2 on CB and RTE, tiny subsamples, one
 * epoch) through faults in every layer after the config: a malformed RTE record fails its trial
 * (exit 4, the reader's message in trials.csv), a completed CB trial's part is truncated, then the
 * data is fixed and a plain rerun redoes exactly the failed and the damaged trials while the other
 * result stays as it was; finally a checkpoint whose values are overwritten in place is refused
 * while the intact one still scores what its trial recorded.
 */
@Tag("slow")
class RealSweepFaultsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  @Test
  void aRealSweepSurvivesABadRecordADamagedPartAndATamperedCheckpoint() throws Exception {
    Path data = tmp.resolve("data");
    for (String task : List.of("CB", "RTE")) {
      Path shared = DataDirectory.resolve().resolve("superglue").resolve(task);
      Path dir = Files.createDirectories(data.resolve("superglue").resolve(task));
      Files.write(dir.resolve("train.jsonl"), Files.readAllLines(shared.resolve("train.jsonl")).subList(0, 24));
      Files.write(dir.resolve("val.jsonl"), Files.readAllLines(shared.resolve("val.jsonl")).subList(0, 12));
    }
    Path rteTrain = data.resolve("superglue/RTE/train.jsonl");
    List<String> good = Files.readAllLines(rteTrain);
    List<String> bad = new ArrayList<>(good);
    bad.set(6, bad.get(6).replaceFirst("\"label\": \"[a-z_]+\"", "\"label\": \"maybe\""));
    Files.write(rteTrain, bad);
    Path config = Files.writeString(tmp.resolve("real.yaml"), """
        name: real-faults
        data_dir: %s
        backbones: [minilm-l6]
        methods: [pt2]
        tasks: [cb, rte]
        seeds: [11]
        grid:
          epochs: 1
          batch_size: 8
          max_len: 64
          max_train_examples: 16
          max_dev_examples: 12
          lr: 1.0e-2
          prefix_len: [4, 8]
        retry_rounds: 0
        spark: {spark.ui.enabled: "false"}
        """.formatted(data));
    Path out = tmp.resolve("runs");
    Path sweep = out.resolve("real-faults");

    CommandLine first = CommandLine.run("run", config.toString(), "--out", out.toString());
    assertEquals(ExitCode.TRIALS_FAILED, first.exitCode(), first.err());
    assertTrue(first.out().contains("(2 failed, 0 diverged)"), first.out());
    Map<String, JsonNode> before = parts(sweep);
    assertEquals(4, before.size());
    for (JsonNode row : before.values()) {
      if (row.get("task").asText().equals("rte")) {
        assertEquals("FAILED", row.get("status").asText());
        assertTrue(row.get("error").asText().contains(rteTrain + ", line 7, field 'label': unknown label 'maybe'"),
            row.get("error").asText());
      } else {
        assertEquals("COMPLETED", row.get("status").asText(), row.toString());
      }
    }
    List<String> cbIds = before.keySet().stream().filter(id -> before.get(id).get("task").asText().equals("cb")).toList();
    String damaged = cbIds.get(0);
    String kept = cbIds.get(1);
    Path damagedPart = sweep.resolve("trials/parts/" + damaged + ".json");
    try (RandomAccessFile file = new RandomAccessFile(damagedPart.toFile(), "rw")) {
      file.setLength(file.length() / 3);
    }

    Files.write(rteTrain, good);
    CommandLine rerun = CommandLine.run("run", config.toString(), "--out", out.toString());
    assertEquals(ExitCode.OK, rerun.exitCode(), rerun.err());
    assertTrue(rerun.out().contains("damaged result file:" + damagedPart), rerun.out());
    assertTrue(rerun.out().contains("1 already done, 3 to run (2 failed before: retried)"), rerun.out());
    Map<String, JsonNode> after = parts(sweep);
    assertEquals(before.keySet(), after.keySet());
    after.values().forEach(row -> assertEquals("COMPLETED", row.get("status").asText(), row.toString()));
    assertEquals(before.get(kept), after.get(kept), "the undamaged result is exactly as recorded before (not rerun)");
    assertEquals(5, Files.readAllLines(sweep.resolve("trials/trials.csv")).size(), "header + 4 trials");

    Path keptCheckpoint = sweep.resolve("checkpoints").resolve(kept);
    Evaluation intact = CheckpointModel.evaluateOnDev(keptCheckpoint, null, data, "cpu");
    assertEquals(after.get(kept).get("dev_score").asDouble(), intact.selectionScore(), 1e-9,
        "the intact checkpoint scores what its trial recorded");
    Path tensors = keptCheckpoint.resolve(PromptCheckpoint.TENSORS_FILE);
    try (RandomAccessFile file = new RandomAccessFile(tensors.toFile(), "rw")) {
      file.seek(file.length() - 64);
      file.write(new byte[64]); // zeros over the last values: same size, same header
    }
    IOException refused = assertThrows(IOException.class,
        () -> CheckpointModel.evaluateOnDev(keptCheckpoint, null, data, "cpu"));
    assertTrue(refused.getMessage().startsWith(tensors + ": SHA-256 "), refused.getMessage());
    try (var aside = Files.list(sweep.resolve("trials/damaged"))) {
      assertEquals(1, aside.filter(p -> p.getFileName().toString().startsWith(damaged + ".json.")).count(),
          "the damaged part is kept aside");
    }
  }

  private static Map<String, JsonNode> parts(Path sweep) throws IOException {
    Map<String, JsonNode> rows = new TreeMap<>();
    for (Path part : FaultSweeps.parts(sweep)) {
      JsonNode row = JSON.readTree(part.toFile());
      rows.put(part.getFileName().toString().replace(".json", ""), row);
    }
    return rows;
  }
}
