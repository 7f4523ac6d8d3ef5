package ptune.trial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ptune.checkpoint.PromptCheckpoint;
import ptune.dataset.DataDirectory;

/**
 * A trial whose learning rate explodes after a sane first epoch (exponential schedule with an
 * absurd gamma: lr 1e-2 in epoch 1, 1e28 in epoch 2) ends DIVERGED and keeps epoch 1 as its best,
 * with a finite checkpoint.
 */
class DivergenceTest {

  @Test
  void explodingLearningRateEndsDivergedWithTheEpochBefore(@TempDir Path tmp) throws Exception {
    TrialSpec spec = TrialSpec.of("test", "minilm-l6", "pt2", "rte", 3, Map.of(
        "lr", 1e-2, "schedule", "exponential", "gamma", 1e30, "epochs", 4, "batch_size", 16,
        "max_len", 64, "prefix_len", 4, "max_train_examples", 64, "max_dev_examples", 32));
    TrialResult result = new PromptTuningTrialRunner().run(spec,
        new TrialEnvironment("cpu", DataDirectory.resolve(), tmp.resolve("ckpt"), TrialListener.NONE));

    assertNull(result.error(), result.error());
    assertEquals(TrialStatus.DIVERGED, result.status());
    assertEquals(1, result.epochs().size(), "no epoch after the divergence is reported");
    assertEquals(1, result.bestEpoch());
    assertEquals(result.epochs().get(0).devScore(), result.bestDevScore(), 0);
    assertNotNull(result.checkpointPath());
    PromptCheckpoint.load(Path.of(result.checkpointPath())).tensors().forEach((name, values) -> {
      for (float v : values) {
        assertTrue(Float.isFinite(v), name + " holds " + v);
      }
    });
  }
}
