package ptune.trial;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ptune.checkpoint.PromptCheckpoint;
import ptune.dataset.DataDirectory;

/**
 * A pt2 trial with the official dropout (0.1 on hidden states, attention probabilities, prefix and
 * head) is reproducible from its seed: run twice in one JVM it ends at the same losses, dev scores
 * and prompt parameters, bit for bit. (That another seed gives other masks is DropoutMaskTest's.)
 */
class DropoutReproducibilityTest {

  private static TrialSpec spec(long seed) {
    return TrialSpec.of("test", "minilm-l6", "pt2", "rte", seed, Map.of(
        "lr", 1e-2, "epochs", 1, "batch_size", 16, "max_len", 64, "prefix_len", 4,
        "dropout", 0.1, "max_train_examples", 64, "max_dev_examples", 32));
  }

  @Test
  void oneSeedGivesTheSameTrialWithDropout(@TempDir Path tmp) throws Exception {
    TrialResult first = run(spec(1), tmp.resolve("a"));
    TrialResult again = run(spec(1), tmp.resolve("b"));
    for (TrialResult r : new TrialResult[] {first, again}) {
      assertNull(r.error(), r.error());
      assertEquals(TrialStatus.COMPLETED, r.status());
    }
    assertTrue(Double.isFinite(first.epochs().get(0).trainLoss()), "" + first.epochs());
    assertEquals(first.epochs().get(0).trainLoss(), again.epochs().get(0).trainLoss(), 0.0);
    assertEquals(first.epochs().get(0).devScore(), again.epochs().get(0).devScore(), 0.0);
    Map<String, float[]> a = PromptCheckpoint.load(Path.of(first.checkpointPath())).tensors();
    Map<String, float[]> b = PromptCheckpoint.load(Path.of(again.checkpointPath())).tensors();
    assertEquals(a.keySet(), b.keySet());
    a.forEach((name, values) -> assertArrayEquals(values, b.get(name), name));
  }

  private static TrialResult run(TrialSpec spec, Path dir) {
    return new PromptTuningTrialRunner().run(spec,
        new TrialEnvironment("cpu", DataDirectory.resolve(), dir, TrialListener.NONE));
  }
}
