package ptune.trial;

import ai.djl.ndarray.NDManager;
import java.util.Random;
import ptune.backbone.Backbone;
import ptune.dataset.Task;
import ptune.dataset.TaskKind;
import ptune.encoding.SplitEncoder;
import ptune.encoding.Verbalizer;
import ptune.head.MultipleChoiceHead;
import ptune.head.SequenceClassificationHead;
import ptune.head.SpanExtractionHead;
import ptune.head.TaskHead;
import ptune.head.TokenClassificationHead;
import ptune.head.VerbalizerHead;
import ptune.model.BertModel;
import ptune.trainer.EncodedExample;

/**
 * What a task kind (and the {@code head} hyperparameter) needs: the encoder that turns its examples
 * into rows, and the head on top of the encoder. The two always come as a pair: the verbalizer
 * head needs cloze inputs, the span head needs QA windows.
 */
final class TaskSetup {
  private final Task task;
  private final TrialSpec spec;
  private final Backbone backbone;
  private final boolean verbalizer;

  TaskSetup(Task task, TrialSpec spec, Backbone backbone) {
    this.task = task;
    this.spec = spec;
    this.backbone = backbone;
    this.verbalizer = TrialHyperparameters.head(spec).equals(TrialHyperparameters.VERBALIZER);
    if (verbalizer && task.kind() != TaskKind.SEQUENCE_CLASSIFICATION) {
      throw new IllegalArgumentException("head=verbalizer scores classes by label words; task "
          + task.name() + " is " + task.kind());
    }
  }

  SplitEncoder encoder() {
    return ExampleFeatures.encoder(ExampleFeatures.key(spec, task), backbone, task);
  }

  /** @param firstRow any encoded training example (multiple choice reads its number of choices) */
  TaskHead head(BertModel model, EncodedExample firstRow, float dropout, NDManager manager,
      Random random) {
    int hidden = model.config().hiddenSize();
    if (verbalizer) {
      return new VerbalizerHead(model, backbone.name(),
          Verbalizer.of(task, Hyperparameters.LABEL_WORDS.readOr(spec, null), backbone.tokenizer()).ids(), backbone.tokenizer().maskId());
    }
    return switch (task.kind()) {
      case MULTIPLE_CHOICE -> new MultipleChoiceHead(hidden, firstRow.rows(), dropout, manager,
          random);
      case REGRESSION -> new SequenceClassificationHead(hidden, 1, dropout, manager, random);
      case SEQUENCE_CLASSIFICATION -> new SequenceClassificationHead(hidden, task.labels().size(),
          dropout, manager, random);
      case TOKEN_CLASSIFICATION -> new TokenClassificationHead(hidden, task.labels().size(),
          dropout, manager, random);
      case SPAN_EXTRACTION -> new SpanExtractionHead(hidden, manager, random);
    };
  }

  /** NER, SRL and QA use the official ExponentialTrainer's schedule, the rest linear decay. */
  boolean sequenceLabeling() {
    return task.kind() == TaskKind.TOKEN_CLASSIFICATION || task.kind() == TaskKind.SPAN_EXTRACTION;
  }
}
