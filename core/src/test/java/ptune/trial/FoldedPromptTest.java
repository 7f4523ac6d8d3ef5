package ptune.trial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import ptune.checkpoint.PromptCheckpoint;
import ptune.metrics.Evaluation;

/**
 * A prompt trained through the reparameterization MLP is saved folded: the checkpoint holds the
 * table the MLP generated and no MLP weights, and scoring it on dev gives the dev metrics the trial
 * measured at its best epoch with the MLP in place.
 */
class FoldedPromptTest {

  @ParameterizedTest
  @ValueSource(strings = {"pt", "pt2"})
  void theFoldedCheckpointScoresWhatTheMlpScored(String method, @TempDir Path tmp)
      throws Exception {
    int p = 4;
    TrialSpec spec = TrialSpec.of("test", "minilm-l6", method, "sst2", 5, Map.of(
        "lr", 1e-2, "epochs", 1, "batch_size", 16, "max_len", 48, "prefix_len", p,
        "prefix_projection", true, "prefix_hidden", 32,
        "max_train_examples", 64, "max_dev_examples", 64));
    TrialResult result = new PromptTuningTrialRunner().run(spec,
        new TrialEnvironment("cpu", TestData.dir(), tmp.resolve("ckpt"), TrialListener.NONE));
    assertNull(result.error(), result.error());
    assertTrue(result.bestEpoch() > 0);

    PromptCheckpoint checkpoint = PromptCheckpoint.load(Path.of(result.checkpointPath()));
    assertTrue(TrialCheckpoint.promptFolded(checkpoint));
    assertFalse(checkpoint.tensors().keySet().stream().anyMatch(n -> n.contains(".trans.")),
        "MLP weights in the folded checkpoint: " + checkpoint.tensors().keySet());
    String table = method.equals("pt2") ? "prefix_encoder.embedding.weight"
        : "prompt_encoder.embedding.weight";
    long width = method.equals("pt2") ? 2L * 6 * 384 : 384;
    assertEquals(p * width, checkpoint.tensors().get(table).length);
    assertEquals("true", checkpoint.settings().get("hp.prefix_projection"),
        "the settings keep the trial's hyperparameters");

    Evaluation folded = CheckpointModel.evaluateOnDev(Path.of(result.checkpointPath()), null,
        TestData.dir(), "cpu");
    assertEquals(result.bestDevMetrics().keySet(), folded.metrics().keySet());
    result.bestDevMetrics().forEach((metric, value) ->
        assertEquals(value, folded.metrics().get(metric), 1e-9, metric));
  }
}
