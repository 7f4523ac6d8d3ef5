package ptune.head;

import ai.djl.ndarray.NDArray;
import ptune.method.TuningMethod;
import ptune.model.BertModel;
import ptune.model.EncoderInputs;
import ptune.model.TrainableParameters;

/**
 * What sits on top of the encoder for one kind of task: its trainable parameters, the training loss
 * and the predictions the task's metric scores.
 */
public interface TaskHead {

  TrainableParameters parameters();

  /** Scalar training loss for a batch whose labels are {@link ptune.trainer.Batch#labels()}. */
  NDArray loss(BertModel model, TuningMethod method, EncoderInputs inputs, NDArray labels,
      boolean training);

  /**
   * Scores per example, first axis B: [B, C] class logits (C = 1 for regression) or per-choice
   * scores; [B, T, L] tag logits per token; [B, 2, T] answer start and end logits.
   */
  NDArray logits(BertModel model, TuningMethod method, EncoderInputs inputs, boolean training);
}
