package ptune.trial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ptune.dataset.DataDirectory;

/**
 * A corrupted line in a real CB file fails the trial with the file and line by default; with
 * skip_bad_records the trial completes without it.
 */
class BadRecordsTrialTest {

  private static Path corruptedCopy(Path tmp) throws Exception {
    Path cb = tmp.resolve("data/superglue/CB");
    Files.createDirectories(cb);
    List<String> train = new ArrayList<>(
        Files.readAllLines(DataDirectory.resolve().resolve("superglue/CB/train.jsonl")));
    train.set(2, "{\"premise\": \"cut off");
    Files.write(cb.resolve("train.jsonl"), train);
    Files.copy(DataDirectory.resolve().resolve("superglue/CB/val.jsonl"), cb.resolve("val.jsonl"));
    return tmp.resolve("data");
  }

  private static TrialResult run(Path dataDir, Path ckpt, boolean skip) {
    TrialSpec spec = TrialSpec.of("test", "minilm-l6", "pt2", "cb", 3, Map.of(
        "epochs", 1, "batch_size", 8, "max_len", 32, "prefix_len", 2, "max_train_examples", 16,
        "max_dev_examples", 8, "skip_bad_records", skip));
    return new PromptTuningTrialRunner().run(spec,
        new TrialEnvironment("cpu", dataDir, ckpt, TrialListener.NONE));
  }

  @Test
  void strictByDefaultSkippingOnRequest(@TempDir Path tmp) throws Exception {
    Path data = corruptedCopy(tmp);
    TrialResult strict = run(data, tmp.resolve("a"), false);
    assertEquals(TrialStatus.FAILED, strict.status());
    assertTrue(strict.error().contains("train.jsonl") && strict.error().contains("line 3"),
        strict.error());

    TrialResult skipping = run(data, tmp.resolve("b"), true);
    assertEquals(TrialStatus.COMPLETED, skipping.status(), skipping.error());
  }
}
