package ptune.method;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import ptune.model.BertConfig;
import ptune.model.BertModel;
import ptune.model.DropoutMask;
import ptune.model.EncoderInputs;
import ptune.model.TrainableParameters;

/**
 * P-tuning v2 ({@code pt2}, deep prompt tuning; prefix tuning in Li and Liang's terms): trainable
 * prefix keys and values at every prompted layer; the backbone is frozen. Follows the official
 * get_prompt: [B, P, 2*Ld*H] -> view [B, P, 2*Ld, nH, dH] -> dropout -> permute to
 * [2*Ld, B, nH, P, dH] -> one (key, value) pair per layer, every real token attends to all P
 * slots, and real tokens take positions P..P+T-1 (see {@link PromptConfig}).
 */
public final class DeepPromptTuning implements TuningMethod {
  public static final MethodDefinition DEFINITION = new MethodDefinition("pt2", "PT-2", false, 1e-2,
      PromptPlacement.EVERY_LAYER,
      (model, prompt, manager, random) -> new DeepPromptTuning(model.config(), prompt, manager, random));

  private final TrainableParameters parameters = new TrainableParameters();
  private final PromptConfig config;
  private final BertConfig model;
  private final PrefixEncoder prefixEncoder;
  private final boolean[] prompted; // per layer: does it get a prefix?
  private final int promptedLayers;

  public DeepPromptTuning(BertConfig model, PromptConfig config, NDManager manager, Random random) {
    this.config = config;
    this.model = model;
    int layers = model.numLayers();
    if (config.depth() > layers) {
      throw new IllegalArgumentException(
          "prefix_depth " + config.depth() + " exceeds the backbone's " + layers + " layers");
    }
    this.prompted = new boolean[layers];
    for (int i = 0; i < config.depth(); i++) {
      prompted[config.depthFromTop() ? layers - 1 - i : i] = true;
    }
    this.promptedLayers = config.depth();
    this.prefixEncoder = new PrefixEncoder(parameters, manager, random, config.length(),
        promptedLayers, model.hiddenSize(), config);
  }

  @Override
  public TrainableParameters parameters() {
    return parameters;
  }

  /**
   * The per-layer past_key_values for a batch of {@code batch}: entry i is null for a layer outside
   * the prompt depth, else (key, value), each [B, nH, P, dH].
   */
  public List<NDList> pastKeyValues(long batch, boolean training) {
    int p = config.length();
    NDArray prefix = prefixEncoder.forward() // [P, 2*Ld*H]
        .expandDims(0).repeat(0, batch) // [B, P, 2*Ld*H]
        .reshape(batch, p, 2L * promptedLayers, model.numHeads(), model.headDim());
    prefix = DropoutMask.apply(prefix, config.dropout(), training);
    NDArray perLayer = prefix.transpose(2, 0, 3, 1, 4); // [2*Ld, B, nH, P, dH]
    NDList pieces = perLayer.split(promptedLayers); // Ld x [2, B, nH, P, dH]
    List<NDList> past = new ArrayList<>(Arrays.asList(new NDList[model.numLayers()]));
    int next = 0;
    for (int layer = 0; layer < model.numLayers(); layer++) {
      if (prompted[layer]) {
        NDArray kv = pieces.get(next++);
        past.set(layer, new NDList(kv.get(0), kv.get(1)));
      }
    }
    return past;
  }

  @Override
  public Map<String, NDArray> foldedParameters() {
    return prefixEncoder.folded();
  }

  @Override
  public boolean foldsPrompt() {
    return prefixEncoder.projected();
  }

  @Override
  public NDArray encode(BertModel bert, EncoderInputs in, boolean training) {
    long b = in.batchSize();
    NDManager m = in.inputIds().getManager();
    int p = config.length();
    List<NDList> past = p == 0 ? null : pastKeyValues(b, training);
    NDArray prefixMask = p == 0 ? null : m.ones(new Shape(b, p), DataType.INT64);
    return bert.forward(
        bert.embeddings().wordEmbeddings(in.inputIds()),
        in.tokenTypeIds(),
        bert.positionIds(in.inputIds(), config.shiftPositions() ? p : 0),
        in.attentionMask(),
        past,
        prefixMask,
        training);
  }
}
