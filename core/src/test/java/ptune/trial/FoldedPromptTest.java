package ptune.trial;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import ptune.backbone.Backbone;
import ptune.backbone.BackboneCache;
import ptune.checkpoint.PromptCheckpoint;
import ptune.dataset.DataDirectory;
import ptune.dataset.Example;
import ptune.dataset.Task;
import ptune.tasks.TaskRegistry;
import ptune.encoding.EncodedSplit;
import ptune.metrics.Evaluation;
import ptune.trainer.TrainingOutcome;

/**
 * A prompt trained through the reparameterization MLP is saved folded: the checkpoint holds the
 * table the MLP generated and no MLP weights, and scoring it on dev gives the dev metrics the trial
 * measured at its best epoch with the MLP in place; a checkpoint that holds the MLP (as written
 * before the fold) still loads and scores the same as its folded form.
 */
class FoldedPromptTest {

  @ParameterizedTest
  @ValueSource(strings = {"pt", "pt2"})
  void foldedAndUnfoldedCheckpointsScoreTheSame(String method, @TempDir Path tmp)
      throws Exception {
    TrialSpec spec = TrialSpec.of("test", "minilm-l6", method, "rte", 3, Map.of(
        "max_len", 48, "prefix_len", 4, "prefix_projection", true, "prefix_hidden", 32,
        "max_train_examples", 16, "max_dev_examples", 24));
    Backbone backbone = BackboneCache.get("minilm-l6");
    Task task = TaskRegistry.get("rte");
    TaskSetup setup = new TaskSetup(task, spec, backbone);
    TrialSplits splits = TrialSplits.load(spec, task, DataDirectory.resolve(), false);
    EncodedSplit dev = setup.encoder().encode(splits.dev());
    try (NDManager manager = NDManager.newBaseManager()) {
      // Untrained: the MLP's random initial weights generate the prompt to fold.
      TrialModel built = TrialModel.build(spec, backbone, setup, dev.rows().get(0), manager,
          new Random(9));
      Map<String, float[]> values = built.trainer().snapshot();
      Map<String, long[]> shapes = new LinkedHashMap<>();
      built.trainer().trainable().asMap().forEach((n, a) -> shapes.put(n, a.getShape().getShape()));
      TrainingOutcome outcome = new TrainingOutcome(List.of(), 1, 0, Map.of(), values, shapes,
          false, 0, 0, 0);
      Path folded = tmp.resolve("folded");
      TrialCheckpoint.save(folded, spec, backbone, task, outcome, built);

      Map<String, String> settings = new LinkedHashMap<>(PromptCheckpoint.load(folded).settings());
      settings.remove(TrialCheckpoint.PROMPT_FOLDED);
      settings.remove(PromptCheckpoint.TENSORS_SHA256);
      Path unfolded = tmp.resolve("unfolded");
      new PromptCheckpoint(settings, values, shapes).save(unfolded);
      assertTrue(PromptCheckpoint.load(unfolded).tensors().keySet().stream()
          .anyMatch(n -> n.contains(".trans.")), "the unfolded checkpoint holds the MLP");

      float[][] foldedScores = scores(folded, splits.dev());
      float[][] unfoldedScores = scores(unfolded, splits.dev());
      assertEquals(unfoldedScores.length, foldedScores.length);
      for (int i = 0; i < foldedScores.length; i++) {
        assertArrayEquals(unfoldedScores[i], foldedScores[i], 1e-5f, "example " + i);
      }
    }
  }

  private static float[][] scores(Path dir, List<Example> examples) throws Exception {
    try (CheckpointModel model = CheckpointModel.open(PromptCheckpoint.load(dir), null, "cpu")) {
      return model.score(examples).scores();
    }
  }

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
        new TrialEnvironment("cpu", DataDirectory.resolve(), tmp.resolve("ckpt"), TrialListener.NONE));
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
        DataDirectory.resolve(), "cpu");
    assertEquals(result.bestDevMetrics().keySet(), folded.metrics().keySet());
    result.bestDevMetrics().forEach((metric, value) ->
        assertEquals(value, folded.metrics().get(metric), 1e-9, metric));
  }
}
