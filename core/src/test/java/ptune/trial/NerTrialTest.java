package ptune.trial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ptune.dataset.DataDirectory;

/**
 * P-tuning v2 with the token-classification head on CoNLL-2003 (160 training sentences,
 * minilm-l6; 200 sentences reached dev F1 0.35 after one epoch, 400 sentences 0.52 after four): entity-level F1 from word-level BIO tags comes out clearly above zero, and the
 * checkpoint reloads to the same score through the tagging decoder. CoNLL-2003's test split is
 * labelled, so the result carries test metrics at the best dev epoch, as the paper reports NER.
 */
class NerTrialTest {

  @Test
  void pt2LearnsConll03Entities(@TempDir Path tmp) throws Exception {
    TrialSpec spec = TrialSpec.of("test", "minilm-l6", "pt2", "conll03", 11, Map.of(
        "lr", 3e-2, "epochs", 2, "batch_size", 16, "max_len", 64, "prefix_len", 8,
        "max_train_examples", 160, "max_dev_examples", 80, "max_test_examples", 80));
    TrialResult result = new PromptTuningTrialRunner().run(spec,
        new TrialEnvironment("cpu", DataDirectory.resolve(), tmp.resolve("ckpt"), TrialListener.NONE));

    assertNull(result.error(), result.error());
    assertEquals(TrialStatus.COMPLETED, result.status());
    assertEquals("f1", result.metricName());
    result.epochs().forEach(e -> System.out.printf("conll03 epoch %d loss %.4f dev %s (%.1fs)%n",
        e.epoch(), e.trainLoss(), e.devMetrics(), e.seconds()));
    // seqeval's keys, computed on word-level tags
    assertTrue(result.bestDevMetrics().keySet().containsAll(
        java.util.List.of("precision", "recall", "f1", "accuracy")));
    assertTrue(result.bestDevScore() > 0.15,
        "entity F1 " + result.bestDevScore() + " is not clearly above 0");
    // Test is scored at every epoch that improves dev; the result reports the best dev epoch's.
    double bestSoFar = Double.NEGATIVE_INFINITY;
    for (EpochMetrics e : result.epochs()) {
      assertEquals(e.devScore() > bestSoFar, !e.testMetrics().isEmpty(), "epoch " + e.epoch());
      bestSoFar = Math.max(bestSoFar, e.devScore());
    }
    Map<String, Double> test = result.testMetrics();
    assertEquals(result.epochs().get(result.bestEpoch() - 1).testMetrics(), test);
    assertEquals(result.bestDevMetrics().keySet(), test.keySet());
    assertTrue(test.get("f1") > 0.15, "test entity F1 " + test.get("f1") + " is not clearly above 0");
    assertNotEquals(result.bestDevMetrics(), test, "test is scored on its own sentences");
    // 2 * layers * hidden * prefix + token classifier (9 x 384 + 9)
    assertEquals(2L * 6 * 384 * 8 + 9 * 384 + 9, result.trainableParameters());

    assertEquals(result.bestDevScore(), CheckpointModel.evaluateOnDev(
        Path.of(result.checkpointPath()), null, DataDirectory.resolve(), "cpu").selectionScore(), 1e-9);
  }
}
