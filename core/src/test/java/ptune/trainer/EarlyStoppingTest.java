package ptune.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import ptune.backbone.BackboneRegistry;
import ptune.head.SequenceClassificationHead;
import ptune.method.PromptConfig;
import ptune.method.TuningMethod;
import ptune.method.TuningMethods;
import ptune.model.BertModel;

/** Patience stops training after that many epochs without a better dev score; the best is kept. */
class EarlyStoppingTest {

  @Test
  void stopsAfterPatienceEpochsWithoutImprovement() throws Exception {
    var backbone = BackboneRegistry.load("minilm-l6");
    try (NDManager manager = NDManager.newBaseManager()) {
      BertModel model = backbone.newModel(manager);
      TuningMethod method = TuningMethods.create("pt2", model, PromptConfig.defaults(2, 6),
          manager, new Random(1));
      Trainer trainer = new Trainer(model, method,
          new SequenceClassificationHead(384, 2, 0f, manager, new Random(2)), 0);
      List<EncodedExample> examples = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        examples.add(EncodedExample.single(new int[] {101, 2000 + i, 102}, new int[3], i % 2));
      }
      // Dev scores by epoch: 0.5, 0.7, 0.6, 0.6, 0.9, ... -> best epoch 2, stop after epoch 4.
      double[] byEpoch = {0.5, 0.7, 0.6, 0.6, 0.9, 0.9};
      int[] epoch = {0};
      DevScorer scorer = new DevScorer() {
        @Override
        public Map<String, Double> score(float[][] scores) {
          return Map.of("accuracy", byEpoch[epoch[0]++]);
        }

        @Override
        public String selectionMetric() {
          return "accuracy";
        }
      };
      TrainerConfig config = TrainerConfig.officialSuperGlue(1e-2, 6, 2, 3)
          .withPatience(2).withEvalBatchSize(4);
      TrainingOutcome outcome =
          trainer.train(examples, examples, scorer, config, manager, TrainingListener.NONE);
      assertEquals(4, outcome.epochs().size());
      assertEquals(2, outcome.bestEpoch());
      assertEquals(0.7, outcome.bestDevScore(), 1e-12);
    }
  }
}
