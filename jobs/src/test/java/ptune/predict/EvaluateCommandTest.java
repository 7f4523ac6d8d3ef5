package ptune.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ptune.checkpoint.PromptCheckpoint;

/**
 * {@code ptune evaluate} on a checkpoint a real tiny trial wrote: its own dev file gives exactly
 * the trial's dev metrics; another task's file is scored only with matching or mapped labels; bad
 * input exits 2 naming what is wrong.
 */
class EvaluateCommandTest {

  @Test
  void ownDevFileGivesTheTrialsDevScore(@TempDir Path tmp) throws Exception {
    TinyTrial trial = TinyTrial.get();
    Path json = tmp.resolve("eval.json");
    TinyTrial.Run run = TinyTrial.ptune("evaluate", trial.checkpoint.toString(), "--file",
        trial.file("superglue/CB/val.jsonl").toString(), "--output", json.toString());
    assertEquals(0, run.exitCode(), run.err());

    JsonNode result = new ObjectMapper().readTree(json.toFile());
    assertEquals(24, result.get("examples").asInt());
    assertEquals("cb", result.get("task").asText());
    JsonNode metrics = result.get("metrics");
    Map<String, Double> dev = trial.result.bestDevMetrics();
    for (String official : List.of("accuracy", "f1")) {
      assertEquals(dev.get(official), metrics.get(official).asDouble(), 0.0, official);
    }
    // Every classification metric, beside the official ones; CB's official f1 is macro-F1.
    assertEquals(metrics.get("f1").asDouble(), metrics.get("macro_f1").asDouble(), 0.0);
    assertTrue(metrics.has("mcc"), metrics.toString());
    assertEquals(trial.result.bestDevScore(), metrics.get(result.get("selection_metric").asText())
        .asDouble(), 0.0);
    assertTrue(run.out().contains("accuracy"), run.out());
  }

  @Test
  void wholeDevSplitOfTheDataDir(@TempDir Path tmp) throws Exception {
    TinyTrial trial = TinyTrial.get();
    Path json = tmp.resolve("eval.json");
    TinyTrial.Run run = TinyTrial.ptune("evaluate", trial.checkpoint.toString(), "--split", "dev",
        "--data-dir", trial.dataDir.toString(), "--output", json.toString());
    assertEquals(0, run.exitCode(), run.err());
    JsonNode metrics = new ObjectMapper().readTree(json.toFile()).get("metrics");
    assertEquals(trial.result.bestDevMetrics().get("accuracy"), metrics.get("accuracy").asDouble(),
        0.0);
  }

  @Test
  void anotherTaskNeedsALabelMapping(@TempDir Path tmp) throws Exception {
    TinyTrial trial = TinyTrial.get();
    String rte = trial.file("superglue/RTE/val.jsonl").toString();
    TinyTrial.Run refused = TinyTrial.ptune("evaluate", trial.checkpoint.toString(), "--task", "rte",
        "--file", rte, "--output", tmp.resolve("a.json").toString());
    assertEquals(2, refused.exitCode(), refused.err());
    assertTrue(refused.err().contains("not_entailment") && refused.err().contains("--label-map"),
        refused.err());
    assertTrue(Files.notExists(tmp.resolve("a.json")));

    Path json = tmp.resolve("b.json");
    TinyTrial.Run mapped = TinyTrial.ptune("evaluate", trial.checkpoint.toString(), "--task", "rte",
        "--file", rte, "--label-map", "not_entailment=contradiction", "--output", json.toString());
    assertEquals(0, mapped.exitCode(), mapped.err());
    JsonNode result = new ObjectMapper().readTree(json.toFile());
    assertEquals("rte", result.get("task").asText());
    assertEquals("cb", result.get("checkpoint_task").asText());
    assertEquals(24, result.get("examples").asInt());
    assertEquals("contradiction", result.get("label_map").get("not_entailment").asText());

    TinyTrial.Run malformedMap = TinyTrial.ptune("evaluate", trial.checkpoint.toString(), "--task",
        "rte", "--file", rte, "--label-map", "not_entailment");
    assertEquals(2, malformedMap.exitCode(), malformedMap.err());
    assertTrue(malformedMap.err().contains("'not_entailment' is not label=label"), malformedMap.err());

    Path sampled = tmp.resolve("c.json");
    TinyTrial.Run sample = TinyTrial.ptune("evaluate", trial.checkpoint.toString(), "--task", "rte",
        "--file", rte, "--label-map", "not_entailment=contradiction", "--max-examples", "10",
        "--output", sampled.toString());
    assertEquals(0, sample.exitCode(), sample.err());
    assertEquals(10, new ObjectMapper().readTree(sampled.toFile()).get("examples").asInt());
  }

  @Test
  void badInputExitsTwoNamingIt(@TempDir Path tmp) throws Exception {
    TinyTrial trial = TinyTrial.get();
    String ckpt = trial.checkpoint.toString();
    String dev = trial.file("superglue/CB/val.jsonl").toString();

    TinyTrial.Run missing = TinyTrial.ptune("evaluate", tmp.resolve("nope").toString(), "--file", dev);
    assertEquals(2, missing.exitCode(), missing.err());
    assertTrue(missing.err().contains(tmp.resolve("nope").toString()), missing.err());

    TinyTrial.Run otherBackbone = TinyTrial.ptune("evaluate", ckpt, "--backbone", "bge-small",
        "--file", dev, "--output", tmp.resolve("x.json").toString());
    assertEquals(2, otherBackbone.exitCode(), otherBackbone.err());
    assertTrue(otherBackbone.err().contains("minilm-l6")
        && otherBackbone.err().contains("bge-small"), otherBackbone.err());

    List<String> lines = new ArrayList<>(Files.readAllLines(Path.of(dev)));
    lines.set(2, lines.get(2).replace("\"label\": \"", "\"label\": \"maybe-"));
    Path bad = tmp.resolve("bad.jsonl");
    Files.write(bad, lines);
    TinyTrial.Run malformed = TinyTrial.ptune("evaluate", ckpt, "--file", bad.toString(),
        "--output", tmp.resolve("y.json").toString());
    assertEquals(2, malformed.exitCode(), malformed.err());
    assertTrue(malformed.err().contains(bad.toString()) && malformed.err().contains("line 3")
        && malformed.err().contains("label"), malformed.err());

    TinyTrial.Run unknownTask = TinyTrial.ptune("evaluate", ckpt, "--task", "nosuch", "--file", dev);
    assertEquals(2, unknownTask.exitCode(), unknownTask.err());

    Path tampered = tmp.resolve("tampered");
    Files.createDirectories(tampered);
    for (String f : List.of(PromptCheckpoint.SETTINGS_FILE, PromptCheckpoint.TENSORS_FILE)) {
      Files.copy(trial.checkpoint.resolve(f), tampered.resolve(f));
    }
    byte[] tensors = Files.readAllBytes(tampered.resolve(PromptCheckpoint.TENSORS_FILE));
    tensors[tensors.length - 1] ^= 0x40;
    Files.write(tampered.resolve(PromptCheckpoint.TENSORS_FILE), tensors,
        StandardOpenOption.TRUNCATE_EXISTING);
    TinyTrial.Run damaged = TinyTrial.ptune("evaluate", tampered.toString(), "--file", dev,
        "--output", tmp.resolve("z.json").toString());
    assertEquals(2, damaged.exitCode(), damaged.err());
    assertTrue(damaged.err().contains("SHA-256"), damaged.err());
  }
}
