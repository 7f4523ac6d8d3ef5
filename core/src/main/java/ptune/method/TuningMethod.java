package ptune.method;

import ai.djl.ndarray.NDArray;
import ptune.model.BertModel;

/**
 * How a method adapts the frozen (or not) encoder: which parameters it trains, and how it runs the
 * encoder with them. The task head sits on top and only sees hidden states of the real tokens.
 * One implementation per method; {@link TuningMethods} is the one place that names them.
 */
public interface TuningMethod {

  /** Short name used in configs and result rows: ft, pt, pt2. */
  String name();

  /** Parameters this method trains (the backbone's own weights for fine-tuning). */
  TrainableParameters parameters();

  /**
   * Runs the encoder.
   *
   * @return last hidden state of the real tokens [B, T, H] (prompt positions removed)
   */
  NDArray encode(BertModel model, EncoderInputs inputs, boolean training);

  /** Tokens the method adds in front of the input that count against the model's max positions. */
  int positionsUsed();
}
