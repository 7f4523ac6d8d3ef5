package ptune.trainer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import ptune.backbone.Backbone;
import ptune.backbone.BackboneRegistry;
import ptune.head.SequenceClassificationHead;
import ptune.method.PromptConfig;
import ptune.method.TuningMethods;
import ptune.model.BertModel;

/**
 * Two micro-batches of 2 with accumulation 2 take the same optimizer step as one batch of 4
 * (no dropout, equal lengths, so the only difference is float summation order).
 */
class GradientAccumulationTest {

  private static Map<String, float[]> trainOneEpoch(Backbone backbone, int batch, int accumulation)
      throws Exception {
    try (NDManager manager = NDManager.newBaseManager()) {
      BertModel model = backbone.newModel(manager, 0f, 0f);
      PromptConfig prompt = PromptConfig.defaults(2, 6).withDropout(0f);
      Trainer trainer = new Trainer(model,
          TuningMethods.create("pt2", model, prompt, manager, new Random(1)),
          new SequenceClassificationHead(384, 2, 0f, manager, new Random(2)), 0);
      List<EncodedExample> examples = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        examples.add(EncodedExample.single(new int[] {101, 2000 + i, 3000 + i, 102}, new int[4],
            i % 2));
      }
      DevScorer scorer = new DevScorer() {
        @Override
        public Map<String, Double> score(float[][] scores) {
          return Map.of("accuracy", 0.5);
        }

        @Override
        public String selectionMetric() {
          return "accuracy";
        }
      };
      TrainerConfig config = TrainerConfig.officialSuperGlue(1e-2, 1, batch, 5)
          .withAccumulation(accumulation).withEvalBatchSize(4);
      trainer.train(examples, examples, scorer, config, manager, TrainingListener.NONE);
      return trainer.snapshot();
    }
  }

  @Test
  void accumulatedMicroBatchesEqualOneLargeBatch() throws Exception {
    Backbone backbone = BackboneRegistry.load("minilm-l6");
    Map<String, float[]> large = trainOneEpoch(backbone, 4, 1);
    Map<String, float[]> accumulated = trainOneEpoch(backbone, 2, 2);
    for (String name : large.keySet()) {
      assertArrayEquals(large.get(name), accumulated.get(name), 1e-5f, name);
    }
  }
}
