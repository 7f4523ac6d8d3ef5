package ptune.method;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import ptune.backbone.Backbone;
import ptune.backbone.BackboneRegistry;
import ptune.head.SequenceClassificationHead;
import ptune.model.BertModel;
import ptune.trainer.DevScorer;
import ptune.trainer.EncodedExample;
import ptune.trainer.Trainer;
import ptune.trainer.TrainerConfig;
import ptune.trainer.TrainingOutcome;

/**
 * After real optimizer steps with pt and pt2 every backbone tensor is bit-identical to before and
 * carries no gradient, the prompts did change, and the trainable count is the formula's.
 */
class FrozenBackboneTest {

  @ParameterizedTest
  @ValueSource(strings = {"pt", "pt2"})
  void backboneStaysBitIdentical(String name) throws Exception {
    Backbone backbone = BackboneRegistry.load("minilm-l6");
    int p = 4;
    try (NDManager manager = NDManager.newBaseManager()) {
      BertModel model = backbone.newModel(manager);
      Map<String, float[]> before = new LinkedHashMap<>();
      model.namedParameters().forEach(np -> before.put(np.name(), np.parameter().getArray().toFloatArray()));

      PromptConfig prompt = PromptConfig.defaults(p, 6);
      TuningMethod method = TuningMethods.create(name, model, prompt, manager, new Random(1));
      SequenceClassificationHead head = new SequenceClassificationHead(384, 2, 0.1f, manager, new Random(2));
      Trainer trainer = new Trainer(model, method, head, 0);
      Map<String, float[]> promptsBefore = trainer.snapshot();

      List<EncodedExample> examples = new ArrayList<>();
      Random r = new Random(3);
      for (int i = 0; i < 8; i++) {
        int[] ids = new int[6 + i];
        ids[0] = 101;
        for (int k = 1; k < ids.length - 1; k++) {
          ids[k] = 1000 + r.nextInt(20000);
        }
        ids[ids.length - 1] = 102;
        examples.add(EncodedExample.single(ids, new int[ids.length], i % 2));
      }
      DevScorer scorer = new DevScorer() {
        public Map<String, Double> score(float[][] s) { return Map.of("accuracy", 0.5); }
        public String selectionMetric() { return "accuracy"; }
      };
      TrainingOutcome outcome = trainer.train(examples, examples.subList(0, 2), scorer,
          TrainerConfig.officialSuperGlue(1e-2, 2, 4, 7), manager, report -> {});
      assertEquals(2, outcome.epochs().size());

      for (BertModel.NamedParameter np : model.namedParameters()) {
        assertFalse(np.parameter().getArray().hasGradient(), np.name() + " has a gradient");
        assertArrayEquals(before.get(np.name()), np.parameter().getArray().toFloatArray(), 0f,
            np.name() + " changed");
      }
      Map<String, float[]> promptsAfter = trainer.snapshot();
      boolean changed = false;
      for (String k : promptsBefore.keySet()) {
        changed |= !java.util.Arrays.equals(promptsBefore.get(k), promptsAfter.get(k));
      }
      assertTrue(changed, "training steps did not change the trainable parameters");

      long head2 = 2L * 384 + 2;
      long expected = name.equals("pt2") ? 2L * 6 * 384 * p + head2 : (long) p * 384 + head2;
      assertEquals(expected, trainer.trainable().count());
    }
  }
}
