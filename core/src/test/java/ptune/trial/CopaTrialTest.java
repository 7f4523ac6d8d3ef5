package ptune.trial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ptune.dataset.DataDirectory;

/** COPA through the multiple-choice head: two rows per example, accuracy over the choices. */
class CopaTrialTest {

  @Test
  void pt2RunsCopaAndReportsAccuracy(@TempDir Path tmp) {
    TrialSpec spec = TrialSpec.of("test", "minilm-l6", "pt2", "copa", 44, Map.of(
        "lr", 1e-2, "epochs", 2, "batch_size", 16, "max_len", 64, "prefix_len", 8,
        "max_train_examples", 64, "max_dev_examples", 40));
    TrialResult result = new PromptTuningTrialRunner().run(spec,
        new TrialEnvironment("cpu", DataDirectory.resolve(), tmp.resolve("ckpt"), TrialListener.NONE));

    assertNull(result.error(), result.error());
    assertEquals(TrialStatus.COMPLETED, result.status());
    assertEquals("accuracy", result.metricName());
    assertEquals(2, result.epochs().size());
    System.out.printf("copa pt2: best dev accuracy %.3f at epoch %d%n", result.bestDevScore(),
        result.bestEpoch());
    // scored over the 40 examples, not over their 80 choice rows: a multiple of 1/40
    assertEquals(40, result.devSize());
    double accuracy = result.bestDevScore();
    assertTrue(accuracy >= 0 && accuracy <= 1, "accuracy " + accuracy);
    assertEquals(Math.round(accuracy * 40) / 40.0, accuracy, 1e-9);
    assertEquals(Math.round(result.majorityBaseline() * 40) / 40.0, result.majorityBaseline(), 1e-9);
    // the reported score is the selection metric at the best epoch, the best of the epochs
    assertEquals(accuracy, result.bestDevMetrics().get("accuracy"), 0.0, "" + result.bestDevMetrics());
    EpochMetrics best = result.epochs().get(result.bestEpoch() - 1);
    assertEquals(accuracy, best.devScore(), 0.0);
    assertEquals(accuracy, best.devMetrics().get("accuracy"), 0.0);
    for (EpochMetrics epoch : result.epochs()) {
      assertTrue(epoch.devScore() <= accuracy, "epoch " + epoch.epoch() + " beats the best: " + epoch);
      assertTrue(Double.isFinite(epoch.trainLoss()) && epoch.trainLoss() > 0, "" + epoch);
    }
    // 2 * layers * hidden * prefix + one score per choice row (384 + 1)
    assertEquals(2L * 6 * 384 * 8 + 384 + 1, result.trainableParameters());
  }
}
