package ptune.trial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** COPA through the multiple-choice head: two rows per example, accuracy over the choices. */
class CopaTrialTest {

  @Test
  void pt2RunsCopaAndReportsAccuracy(@TempDir Path tmp) {
    TrialSpec spec = TrialSpec.of("test", "minilm-l6", "pt2", "copa", 44, Map.of(
        "lr", 1e-2, "epochs", 2, "batch_size", 16, "max_len", 64, "prefix_len", 8,
        "max_train_examples", 64, "max_dev_examples", 40));
    TrialResult result = new PromptTuningTrialRunner().run(spec,
        new TrialEnvironment("cpu", TestData.dir(), tmp.resolve("ckpt"), TrialListener.NONE));

    assertNull(result.error(), result.error());
    assertEquals(TrialStatus.COMPLETED, result.status());
    assertEquals("accuracy", result.metricName());
    assertEquals(2, result.epochs().size());
    System.out.printf("copa pt2: best dev accuracy %.3f at epoch %d%n", result.bestDevScore(),
        result.bestEpoch());
    // 40 examples: accuracy is a multiple of 1/40 between 0 and 1
    double accuracy = result.bestDevScore();
    assertTrue(accuracy >= 0 && accuracy <= 1, "accuracy " + accuracy);
    assertEquals(Math.round(accuracy * 40) / 40.0, accuracy, 1e-9);
    // 2 * layers * hidden * prefix + one score per choice row (384 + 1)
    assertEquals(2L * 6 * 384 * 8 + 384 + 1, result.trainableParameters());
  }
}
