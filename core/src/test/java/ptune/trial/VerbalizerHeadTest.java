package ptune.trial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ptune.dataset.DataDirectory;

/** head=verbalizer needs a backbone with a masked-LM head and says so when it has none. */
class VerbalizerHeadTest {

  @Test
  void backboneWithoutMlmHeadIsAClearError(@TempDir Path tmp) {
    TrialSpec spec = TrialSpec.of("test", "minilm-l6", "pt2", "rte", 1, Map.of(
        "head", "verbalizer", "epochs", 1, "max_train_examples", 8, "max_dev_examples", 8));
    TrialResult result = new PromptTuningTrialRunner().run(spec,
        new TrialEnvironment("cpu", DataDirectory.resolve(), tmp.resolve("ckpt"), TrialListener.NONE));

    assertEquals(TrialStatus.FAILED, result.status());
    assertTrue(result.error().contains("masked-LM head")
        && result.error().contains("minilm-l6"), result.error());
  }
}
