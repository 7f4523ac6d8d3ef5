package ptune.method;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Map;
import java.util.Random;
import ptune.model.BertModel;
import ptune.model.EncoderInputs;
import ptune.model.TrainableParameters;

/**
 * Prompt tuning at the input only (Lester et al. 2021; P-tuning v1 with {@code projection}): P
 * trainable vectors in word-embedding space are placed before the input tokens; the backbone is
 * frozen. The prompts then get positions 0..P-1, token type 0 and the embedding LayerNorm like any
 * token.
 *
 * <p>Deviation from the official P-tuning v2 baseline, on purpose: the official code concatenates
 * its prompts to the <i>output</i> of the embedding layer and feeds the result back through the
 * embedding layer (adding positions and LayerNorm twice; THUDM/P-tuning-v2 issue #15). Here
 * prompts are initialized from randomly sampled vocabulary embeddings, as Lester et al. recommend.
 */
public final class PromptTuning implements TuningMethod {
  public static final MethodDefinition DEFINITION = new MethodDefinition("pt", "PT", false, 1e-2,
      PromptPlacement.INPUT, PromptTuning::new);

  private static final String TABLE = "prompt_encoder.embedding.weight";
  private final TrainableParameters parameters = new TrainableParameters();
  private final int length;
  private final NDArray prompts; // [P, H], or the MLP's input when projected
  private final PromptMlp projection; // null unless P-tuning v1 style reparameterization

  public PromptTuning(BertModel model, PromptConfig config, NDManager manager, Random random) {
    this.length = config.length();
    int h = model.config().hiddenSize();
    float[] init = new float[length * h];
    float[] vocab = model.embeddings().wordEmbeddingRows(random, length);
    System.arraycopy(vocab, 0, init, 0, init.length);
    this.prompts = parameters.add(TABLE, manager.create(init, new Shape(length, h)));
    this.projection = config.projection()
        ? new PromptMlp("prompt_encoder.trans", parameters, manager, random, h,
            config.projectionHidden(), h)
        : null;
  }

  @Override
  public TrainableParameters parameters() {
    return parameters;
  }

  /** With projection: the prompts [P, H] the MLP generates, as the free table is named. */
  @Override
  public Map<String, NDArray> foldedParameters() {
    return projection == null ? Map.of() : Map.of(TABLE, projection.forward(prompts));
  }

  @Override
  public boolean foldsPrompt() {
    return projection != null;
  }

  @Override
  public NDArray encode(BertModel model, EncoderInputs in, boolean training) {
    long b = in.batchSize();
    NDManager m = in.inputIds().getManager();
    NDArray promptEmbeds = projection == null ? prompts : projection.forward(prompts);
    NDArray batchPrompts = promptEmbeds.expandDims(0).repeat(0, b); // [B, P, H]
    NDArray embeds = batchPrompts.concat(model.embeddings().wordEmbeddings(in.inputIds()), 1);
    NDArray types = m.zeros(new Shape(b, length), DataType.INT64).concat(in.tokenTypeIds(), 1);
    NDArray mask = m.ones(new Shape(b, length), DataType.INT64).concat(in.attentionMask(), 1);
    long total = length + in.inputIds().getShape().get(1);
    NDArray positions = m.arange(0, total, 1, DataType.INT64).expandDims(0).repeat(0, b);
    NDArray hidden = model.forward(embeds, types, positions, mask, null, null, training);
    return hidden.get(":, " + length + ":, :"); // [B, T, H] of the real tokens
  }
}
