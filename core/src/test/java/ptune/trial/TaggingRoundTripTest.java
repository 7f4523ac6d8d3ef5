package ptune.trial;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import ptune.backbone.BackboneCache;
import ptune.dataset.Example;
import ptune.dataset.Split;
import ptune.dataset.Task;
import ptune.dataset.TaskRegistry;
import ptune.metrics.TaskEvaluator;
import ptune.trainer.EncodedExample;
import ptune.trainer.Target;

/**
 * The tagging path without a model, on real dev sentences of the tagging tasks with data here
 * (shared/datasets holds no CoNLL-2005 train or dev files):
 * scores that put all weight on the gold label of each first sub-token must decode to the gold
 * word tags and score F1 = 1 (labels, word alignment, truncation and the metric agree).
 */
class TaggingRoundTripTest {

  @ParameterizedTest
  @ValueSource(strings = {"conll03", "conll04"})
  void goldScoresDecodeToPerfectF1(String name) throws Exception {
    Task task = TaskRegistry.get(name);
    List<Example> dev = task.load(Split.DEV, TestData.dir()).examples();
    dev = dev.subList(0, Math.min(300, dev.size()));
    EncodedSplit split = new TaggingSplitEncoder(BackboneCache.get("minilm-l6").tokenizer(),
        task.labels(), 64).encode(dev);

    int numLabels = task.labels().size();
    int padded = 80; // wider than any row, as batch padding would make it
    float[][] scores = new float[split.rows().size()][];
    for (int i = 0; i < scores.length; i++) {
      EncodedExample row = split.rows().get(i);
      int[] labels = ((Target.PerToken) row.target()).labels();
      scores[i] = new float[padded * numLabels];
      for (int t = 0; t < labels.length; t++) {
        if (labels[t] != Target.IGNORED) {
          scores[i][t * numLabels + labels[t]] = 1f;
        }
      }
    }
    double f1 = TaskEvaluator.evaluate(task, split.examples(), split.decoder().decode(scores))
        .selectionScore();
    assertEquals(1.0, f1, 1e-12, name);
  }
}
