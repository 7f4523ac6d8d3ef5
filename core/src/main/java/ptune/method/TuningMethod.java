package ptune.method;

import ai.djl.ndarray.NDArray;
import ptune.model.BertModel;

/**
 * How a method adapts the frozen (or not) encoder: which parameters it trains, and how it runs the
 * encoder with them. The task head sits on top and only sees hidden states of the real tokens.
 * One implementation per method, which declares its name, display name, default learning rate and
 * prompt placement in a {@link MethodDefinition}; {@link TuningMethods} lists them.
 */
public interface TuningMethod {

  /** Parameters this method trains (the backbone's own weights for fine-tuning). */
  TrainableParameters parameters();

  /**
   * Runs the encoder.
   *
   * @return last hidden state of the real tokens [B, T, H] (prompt positions removed)
   */
  NDArray encode(BertModel model, EncoderInputs inputs, boolean training);
}
