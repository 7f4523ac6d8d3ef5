package ptune.trial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ptune.dataset.DataDirectory;
import ptune.metrics.Evaluation;

/**
 * P-tuning v2 on minilm-l6 learns a real task (SST-2, seeded subsample) well above the majority
 * class, and its saved prompt checkpoint reloads to the same dev score.
 */
class PromptTuningLearnsTest {

  @Test
  void pt2LearnsSst2AndTheCheckpointReloads(@TempDir Path tmp) throws Exception {
    TrialSpec spec = TrialSpec.of("test", "minilm-l6", "pt2", "sst2", 13, Map.of(
        "lr", 3e-2, "epochs", 4, "batch_size", 16, "max_len", 64, "prefix_len", 8,
        "max_train_examples", 480, "max_dev_examples", 200));
    TrialResult result = new PromptTuningTrialRunner().run(spec,
        new TrialEnvironment("cpu", DataDirectory.resolve(), tmp.resolve("ckpt"), TrialListener.NONE));

    assertNull(result.error(), result.error());
    assertEquals(TrialStatus.COMPLETED, result.status());
    System.out.printf("sst2 pt2: best dev accuracy %.3f at epoch %d, majority %.3f, %d trainable%n",
        result.bestDevScore(), result.bestEpoch(), result.majorityBaseline(),
        result.trainableParameters());
    assertTrue(result.bestDevScore() > result.majorityBaseline() + 0.15,
        "dev accuracy " + result.bestDevScore() + " is not clearly above the majority baseline "
            + result.majorityBaseline());
    // 2 * layers * hidden * prefix + classifier (2 x 384 + 2)
    assertEquals(2L * 6 * 384 * 8 + 2 * 384 + 2, result.trainableParameters());

    Evaluation reloaded = CheckpointModel.evaluateOnDev(
        Path.of(result.checkpointPath()), null, DataDirectory.resolve(), "cpu");
    assertEquals(result.bestDevScore(), reloaded.selectionScore(), 1e-9);
  }
}
