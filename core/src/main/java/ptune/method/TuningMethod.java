package ptune.method;

import ai.djl.ndarray.NDArray;
import java.util.Map;
import ptune.model.BertModel;
import ptune.model.EncoderInputs;
import ptune.model.TrainableParameters;

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

  /**
   * What to save in place of {@link #parameters()} once training is over (with the values to save
   * in place): a method whose prompts come out of a reparameterization MLP runs it once and returns
   * the prompts it generated, named as the table that holds them without projection, so the
   * checkpoint needs no MLP and loads into the method built without projection (as PEFT saves
   * prompts). Empty when there is nothing to fold.
   */
  default Map<String, NDArray> foldedParameters() {
    return Map.of();
  }

  /** Whether {@link #foldedParameters()} has anything to fold (a reparameterization MLP). */
  default boolean foldsPrompt() {
    return false;
  }
}
