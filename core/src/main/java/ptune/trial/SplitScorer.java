package ptune.trial;

import ai.djl.ndarray.NDManager;
import java.util.List;
import java.util.Map;
import ptune.dataset.Task;
import ptune.encoding.EncodedSplit;
import ptune.metrics.Evaluation;
import ptune.metrics.TaskEvaluator;
import ptune.trainer.DevScorer;
import ptune.trainer.EncodedExample;
import ptune.trainer.Trainer;
import ptune.trainer.TrainerConfig;

/**
 * Scores the model on one labelled split with the task's official metrics. It keeps the split's
 * row-to-example mapping, so QA windows are merged per question before scoring.
 */
final class SplitScorer {
  private final Task task;
  private final EncodedSplit split;
  private final Trainer trainer;
  private final TrainerConfig config;
  private final NDManager manager;

  SplitScorer(Task task, EncodedSplit split, Trainer trainer, TrainerConfig config,
      NDManager manager) {
    this.task = task;
    this.split = split;
    this.trainer = trainer;
    this.config = config;
    this.manager = manager;
  }

  List<EncodedExample> rows() {
    return split.rows();
  }

  Evaluation evaluate() {
    return score(trainer.scores(split.rows(), config.evalBatchSize(), manager));
  }

  /** @param scores per encoder row of the split */
  Evaluation score(float[][] scores) {
    return TaskEvaluator.evaluate(task, split.examples(), split.decoder().decode(scores));
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
