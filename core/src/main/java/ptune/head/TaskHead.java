package ptune.head;

import ai.djl.ndarray.NDArray;
import ptune.method.EncoderInputs;
import ptune.method.TrainableParameters;
import ptune.method.TuningMethod;
import ptune.model.BertModel;

/**
 * What sits on top of the encoder for one kind of task: its trainable parameters, the training loss
 * and the predictions the task's metric scores.
 */
public interface TaskHead {

  TrainableParameters parameters();

  /** Scalar training loss for a batch whose labels are in {@code labels}. */
  NDArray loss(BertModel model, TuningMethod method, EncoderInputs inputs, NDArray labels,
      boolean training);

  /**
   * Scores per example: [B, C] class logits (C = 1 for regression), per-choice scores for
   * multiple choice.
   */
  NDArray logits(BertModel model, TuningMethod method, EncoderInputs inputs, boolean training);
}
