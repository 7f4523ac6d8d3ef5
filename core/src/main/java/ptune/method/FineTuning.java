package ptune.method;

import ai.djl.ndarray.NDArray;
import ptune.model.BertModel;
import ptune.model.EncoderInputs;
import ptune.model.TrainableParameters;

/** Full fine-tuning (FT): every backbone weight trains; no prompts. */
public final class FineTuning implements TuningMethod {
  /** Tunes the backbone; 2e-5 is the official P-tuning v2 fine-tuning baseline's learning rate. */
  public static final MethodDefinition DEFINITION = new MethodDefinition("ft", "FT", true, 2e-5,
      PromptPlacement.NONE, (model, prompt, manager, random) -> new FineTuning(model));

  private final TrainableParameters parameters = new TrainableParameters();

  public FineTuning(BertModel model) {
    for (BertModel.NamedParameter p : model.namedParameters()) {
      parameters.add(p.name(), p.parameter().getArray());
    }
  }

  @Override
  public TrainableParameters parameters() {
    return parameters;
  }

  @Override
  public NDArray encode(BertModel model, EncoderInputs in, boolean training) {
    return model.forward(
        model.embeddings().wordEmbeddings(in.inputIds()),
        in.tokenTypeIds(),
        model.positionIds(in.inputIds(), 0),
        in.attentionMask(),
        null,
        null,
        training);
  }
}
