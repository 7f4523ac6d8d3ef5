package ptune.trial;

import ai.djl.ndarray.NDManager;
import java.util.List;
import java.util.Map;
import ptune.dataset.Example;
import ptune.dataset.Task;
import ptune.dataset.TaskKind;
import ptune.metrics.Evaluation;
import ptune.metrics.Predictions;
import ptune.metrics.TaskEvaluator;
import ptune.trainer.DevScorer;
import ptune.trainer.EncodedExample;
import ptune.trainer.Trainer;
import ptune.trainer.TrainerConfig;

/** Scores the model on one labelled split with the task's official metrics. */
final class SplitScorer {
  private final Task task;
  private final List<Example> examples;
  final List<EncodedExample> encoded;
  private final Trainer trainer;
  private final TrainerConfig config;
  private final NDManager manager;

  SplitScorer(Task task, List<Example> examples, List<EncodedExample> encoded, Trainer trainer,
      TrainerConfig config, NDManager manager) {
    this.task = task;
    this.examples = examples;
    this.encoded = encoded;
    this.trainer = trainer;
    this.config = config;
    this.manager = manager;
  }

  Evaluation evaluate() {
    return score(trainer.scores(encoded, config.evalBatchSize(), manager));
  }

  /** Class index (argmax) per example, or the raw score for regression. */
  Evaluation score(float[][] scores) {
    Predictions predictions;
    if (task.kind() == TaskKind.REGRESSION) {
      double[] values = new double[scores.length];
      for (int i = 0; i < scores.length; i++) {
        values[i] = scores[i][0];
      }
      predictions = new Predictions.Scores(values);
    } else {
      int[] classes = new int[scores.length];
      for (int i = 0; i < scores.length; i++) {
        int best = 0;
        for (int c = 1; c < scores[i].length; c++) {
          if (scores[i][c] > scores[i][best]) {
            best = c;
          }
        }
        classes[i] = best;
      }
      predictions = new Predictions.Classes(classes);
    }
    return TaskEvaluator.evaluate(task, examples, predictions);
  }

  DevScorer asDevScorer() {
    return new DevScorer() {
      @Override
      public Map<String, Double> score(float[][] scores) {
        return SplitScorer.this.score(scores).metrics();
      }

      @Override
      public String selectionMetric() {
        return task.selectionMetric();
      }
    };
  }
}
