package ptune.trial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ptune.dataset.DataDirectory;

/**
 * The verbalizer ablation on bert-base-uncased: SST-2 as "A It was [MASK] ." scored by the MLM
 * logits of "terrible"/"great". The pretrained MLM already knows the pattern, so a short run is
 * well above chance, and the head adds no trainable parameters.
 */
@Tag("slow")
class VerbalizerLearnsTest {

  @Test
  void bertBaseVerbalizerScoresSst2(@TempDir Path tmp) {
    TrialSpec spec = TrialSpec.of("test", "bert-base-uncased", "pt2", "sst2", 5, Map.of(
        "head", "verbalizer", "lr", 1e-2, "epochs", 1, "batch_size", 8, "max_len", 48,
        "prefix_len", 4, "max_train_examples", 48, "max_dev_examples", 80));
    TrialResult result = new PromptTuningTrialRunner().run(spec,
        new TrialEnvironment("cpu", DataDirectory.resolve(), tmp.resolve("ckpt"), TrialListener.NONE));

    assertNull(result.error(), result.error());
    assertEquals(TrialStatus.COMPLETED, result.status());
    System.out.printf("sst2 verbalizer on bert-base: dev accuracy %.3f%n", result.bestDevScore());
    assertTrue(result.bestDevScore() > 0.6, "accuracy " + result.bestDevScore());
    assertEquals(2L * 12 * 768 * 4, result.trainableParameters(), "prefix only, no head weights");
  }
}
