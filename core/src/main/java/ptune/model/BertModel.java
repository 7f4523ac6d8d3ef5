package ptune.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Embedding;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import ptune.backbone.weights.HostTensor;
import ptune.backbone.weights.WeightSet;
import ptune.model.ProjectionAdapter.Projection;

/**
 * A BERT / RoBERTa encoder as DJL blocks on the PyTorch engine, read top to bottom like Hugging
 * Face's {@code modeling_bert.py}: embeddings, self-attention that accepts per-layer prefix keys and
 * values ({@code past_key_values}, which P-tuning v2 trains), feed-forward, LayerNorm, an optional
 * pooler and an optional masked-LM head.
 *
 * <p>Shapes: B = batch, T = real tokens, P = prefix length, H = hidden size, nH = heads, dH = H/nH,
 * L = layers, V = vocabulary.
 *
 * <p>Every parameter is named exactly as in Hugging Face's BertModel state dict (e.g. {@code
 * encoder.layer.3.attention.self.query.weight}), so weights load by name from any of the readers.
 */
public final class BertModel extends AbstractBlock {

  private final BertConfig config;
  private final BertEmbeddings embeddings;
  private final List<BertLayer> layers = new ArrayList<>();
  private final BertPooler pooler;
  private final BertMlmHead mlmHead;
  private final Linears linears = new Linears(); // shared by every block

  public BertModel(BertConfig config) {
    this.config = config;
    this.embeddings = addChildBlock("embeddings", new BertEmbeddings(config));
    for (int i = 0; i < config.numLayers(); i++) {
      layers.add(addChildBlock("encoder.layer." + i, new BertLayer(config, linears)));
    }
    this.pooler =
        config.hasPooler() ? addChildBlock("pooler", new BertPooler(config, linears)) : null;
    this.mlmHead = config.hasMlmHead()
        ? addChildBlock("cls.predictions", new BertMlmHead(config, linears)) : null;
  }

  public BertConfig config() {
    return config;
  }

  public BertEmbeddings embeddings() {
    return embeddings;
  }

  public boolean hasPooler() {
    return pooler != null;
  }

  public boolean hasMlmHead() {
    return mlmHead != null;
  }

  /**
   * Copies pretrained weights (HF names) onto the device of {@code manager}. Every parameter of this
   * model must be present with its exact shape; the error names the tensor and the source file.
   */
  public void loadWeights(WeightSet weights, NDManager manager) {
    forEachNamedParameter(
        "",
        this,
        (name, parameter, declared) -> {
          long[] shape = declared.getShape();
          HostTensor tensor = weights.require(name, shape);
          NDArray array = manager.create(tensor.data(), new Shape(shape));
          array.setName(name);
          parameter.setArray(array);
        });
  }

  /**
   * From now on, every weight of this model that does not train (a frozen backbone's: call after
   * the method froze it) is multiplied as a bfloat16 copy, made on first use in the weight's
   * manager; see {@link Precision}. Weights that train stay fp32.
   */
  public void multiplyFrozenWeightsInBf16(NDManager manager) {
    linears.bf16 = new Bf16Linears(manager);
  }

  /** All parameters with their Hugging Face names, in state-dict order. */
  public List<NamedParameter> namedParameters() {
    List<NamedParameter> out = new ArrayList<>();
    forEachNamedParameter("", this, (n, p, shape) -> out.add(new NamedParameter(n, p, shape)));
    return out;
  }

  /** A parameter with its Hugging Face name and the shape the architecture declares for it. */
  public record NamedParameter(String name, Parameter parameter, Shape shape) {}

  private interface ParameterVisitor {
    void visit(String name, Parameter parameter, Shape declaredShape);
  }

  private static void forEachNamedParameter(
      String prefix, AbstractBlock block, ParameterVisitor action) {
    for (var entry : block.getDirectParameters()) {
      Shape declared = ((HfBlock) block).declaredShape(entry.getValue());
      action.visit(prefix + entry.getKey(), entry.getValue(), declared);
    }
    for (var child : block.getChildren()) {
      // DJL keys children as "<2-digit index><name>", e.g. "01embeddings"
      String name = child.getKey().substring(2);
      forEachNamedParameter(prefix + name + ".", (AbstractBlock) child.getValue(), action);
    }
  }

  /**
   * The encoder forward pass.
   *
   * @param inputsEmbeds [B, T, H] word embeddings (see {@link BertEmbeddings#wordEmbeddings}); input-
   *     only prompt tuning prepends its trainable prompts here
   * @param tokenTypeIds [B, T] int64
   * @param positionIds [B, T] int64 (see {@link #positionIds})
   * @param attentionMask [B, T] 1 for real tokens, 0 for padding
   * @param pastKeyValues per layer a (key, value) pair of [B, nH, P, dH], or null: P-tuning v2's
   *     prefixes. A layer whose entry is null (prompt depth below L) gets no prefix.
   * @param prefixMask [B, P] 1 where a prefix slot may be attended to, or null when there is no prefix
   * @return last hidden state [B, T, H]
   */
  public NDArray forward(
      NDArray inputsEmbeds,
      NDArray tokenTypeIds,
      NDArray positionIds,
      NDArray attentionMask,
      List<NDList> pastKeyValues,
      NDArray prefixMask,
      boolean training) {
    NDArray hidden = embeddings.forward(inputsEmbeds, tokenTypeIds, positionIds, training);
    // Keys are [prefix | tokens]; the additive mask is 0 where attention is allowed, very negative
    // elsewhere (HF uses the dtype's minimum), broadcast over heads and query positions.
    NDArray keyMask = prefixMask == null ? attentionMask : prefixMask.concat(attentionMask, 1);
    NDArray additiveMask =
        keyMask.toType(DataType.FLOAT32, false).neg().add(1f).mul(-3.4028234663852886e38f)
            .expandDims(1).expandDims(1); // [B, 1, 1, P+T]
    for (int i = 0; i < layers.size(); i++) {
      NDList past = pastKeyValues == null ? null : pastKeyValues.get(i);
      hidden = layers.get(i).forward(hidden, additiveMask, past, training);
    }
    return hidden;
  }

  /** Layer {@code layer}'s self-attention, where a method may attach a {@link ProjectionAdapter}. */
  public BertSelfAttention selfAttention(int layer) {
    return layers.get(layer).self;
  }

  /**
   * Position ids of the real tokens. With {@code pastLength} P > 0 they start at P, as Hugging Face
   * does when prefixes arrive as past keys (and as the official P-tuning v2 code therefore trains);
   * pass 0 to keep the pretrained positions of the tokens. RoBERTa numbers non-pad tokens from
   * {@code padTokenId + 1} and gives pad tokens {@code padTokenId}.
   *
   * @param inputIds [B, T] int64
   * @return [B, T] int64
   */
  public NDArray positionIds(NDArray inputIds, int pastLength) {
    if (config.family() == BertConfig.Family.ROBERTA) {
      NDArray notPad = inputIds.neq(config.padTokenId()).toType(DataType.INT64, false);
      NDArray incremental = notPad.cumSum(1).add(pastLength).mul(notPad);
      return incremental.add(config.padTokenId());
    }
    long t = inputIds.getShape().get(1);
    NDArray row = inputIds.getManager().arange(pastLength, pastLength + t, 1, DataType.INT64);
    return row.expandDims(0).repeat(0, inputIds.getShape().get(0));
  }

  /** Convenience for plain use: ids in, last hidden state out, no prefix. */
  public NDArray encode(NDArray inputIds, NDArray tokenTypeIds, NDArray attentionMask) {
    return forward(
        embeddings.wordEmbeddings(inputIds),
        tokenTypeIds,
        positionIds(inputIds, 0),
        attentionMask,
        null,
        null,
        false);
  }

  /** tanh(dense(h[CLS])): [B, T, H] to [B, H]. */
  public NDArray pool(NDArray lastHiddenState) {
    if (pooler == null) {
      throw new IllegalStateException("this backbone has no pretrained pooler weights");
    }
    return pooler.forward(lastHiddenState);
  }

  /** Masked-LM logits [B, T, V] from the last hidden state, with the decoder tied to word embeddings. */
  public NDArray mlmLogits(NDArray lastHiddenState) {
    if (mlmHead == null) {
      throw new IllegalStateException("this backbone has no pretrained masked-LM head");
    }
    return mlmHead.forward(lastHiddenState, embeddings.wordEmbeddingWeight());
  }

  // Not dead code: DJL makes both abstract (AbstractBaseBlock.forwardInternal, Block.getOutputShapes).
  // ptune never runs BertModel as a DJL Block; the methods call forward(...) with their prompts.
  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    throw new UnsupportedOperationException(
        "BertModel is not run as a DJL Block: call forward(...) with embeddings, types, positions and mask");
  }

  // Kept accurate for DJL's Block description (toString of an initialized block): (ids) -> [B, T, H].
  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape ids = inputShapes[0];
    return new Shape[] {new Shape(ids.get(0), ids.get(1), config.hiddenSize())};
  }

  // ---------------------------------------------------------------------------------------------
  // Building blocks. Each holds its parameters under their HF local names.
  // ---------------------------------------------------------------------------------------------

  /** A DJL block whose parameters are declared with HF names and fixed shapes. */
  abstract static class HfBlock extends AbstractBlock {
    // DJL refuses setArray on a parameter built with a shape, so the shapes live here.
    private final java.util.Map<Parameter, Shape> shapes = new java.util.IdentityHashMap<>();

    protected final Parameter param(String name, long... shape) {
      Parameter p = addParameter(
          Parameter.builder()
              .setName(name)
              .setType(name.endsWith("bias") ? Parameter.Type.BIAS : Parameter.Type.WEIGHT)
              .build());
      shapes.put(p, new Shape(shape));
      return p;
    }

    Shape declaredShape(Parameter p) {
      return shapes.get(p);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
      return new Shape[] {inputShapes[0]};
    }
  }

  private static NDList pastOf(NDList inputs) {
    return inputs.size() == 4 ? new NDList(inputs.get(2), inputs.get(3)) : null;
  }

  static NDArray layerNorm(NDArray x, Parameter weight, Parameter bias, float eps) {
    return LayerNorm.layerNorm(
            x, new Shape(weight.getArray().getShape().get(0)), weight.getArray(), bias.getArray(), eps)
        .singletonOrThrow();
  }

  /** x W^T + b for every linear of the model, in fp32 or (frozen weights) bf16. */
  static final class Linears {
    private Bf16Linears bf16; // null: every product in fp32

    NDArray apply(NDArray x, Parameter weight, Parameter bias) {
      if (bf16 == null || weight.requiresGradient()) {
        return Linear.linear(x, weight.getArray(), bias.getArray()).singletonOrThrow();
      }
      return bf16.apply(x, weight.getArray(), bias.getArray());
    }
  }

  static NDArray dropout(NDArray x, float rate, boolean training) {
    return DropoutMask.apply(x, rate, training);
  }

  static NDArray activation(NDArray x, String hiddenAct) {
    if (hiddenAct.equals("gelu")) {
      return Activation.gelu(x); // libtorch's exact erf GELU
    }
    // 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))): Google's TF BERT graph. Scalars as arrays
    // that outlive the backward pass (see Scale).
    NDArray cube = x.pow(x.getManager().create(3f));
    NDArray inner = Scale.by(x.add(Scale.by(cube, 0.044715f)), (float) Math.sqrt(2 / Math.PI));
    return Scale.by(x, 0.5f).mul(inner.tanh().add(1f));
  }

  /** word + position + token type embeddings, then LayerNorm and dropout. */
  public static final class BertEmbeddings extends HfBlock {
    private final BertConfig config;
    private final Parameter word;
    private final Parameter position;
    private final Parameter tokenType;
    private final Parameter lnWeight;
    private final Parameter lnBias;

    BertEmbeddings(BertConfig c) {
      this.config = c;
      word = param("word_embeddings.weight", c.vocabSize(), c.hiddenSize());
      position = param("position_embeddings.weight", c.maxPositions(), c.hiddenSize());
      tokenType = param("token_type_embeddings.weight", c.typeVocabSize(), c.hiddenSize());
      lnWeight = param("LayerNorm.weight", c.hiddenSize());
      lnBias = param("LayerNorm.bias", c.hiddenSize());
    }

    /** [B, T] int64 ids to [B, T, H]. */
    public NDArray wordEmbeddings(NDArray inputIds) {
      return Embedding.embedding(inputIds, word.getArray(), SparseFormat.DENSE).singletonOrThrow();
    }

    Parameter wordEmbeddingWeight() {
      return word;
    }

    /**
     * {@code n} rows of the word-embedding table for randomly drawn ordinary tokens (ids from 1000
     * on, past BERT's special and unused entries), flattened [n * H]: prompt initialization.
     */
    public float[] wordEmbeddingRows(java.util.Random random, int n) {
      int h = config.hiddenSize();
      float[] out = new float[n * h];
      for (int i = 0; i < n; i++) {
        long id = 1000 + random.nextInt(config.vocabSize() - 1000);
        float[] row = word.getArray().get(id).toFloatArray();
        System.arraycopy(row, 0, out, i * h, h);
      }
      return out;
    }

    /** inputsEmbeds [B, T, H] + position + token type, LayerNorm, dropout: [B, T, H]. */
    NDArray forward(
        NDArray inputsEmbeds, NDArray tokenTypeIds, NDArray positionIds, boolean training) {
      NDArray pos =
          Embedding.embedding(positionIds, position.getArray(), SparseFormat.DENSE)
              .singletonOrThrow();
      NDArray type =
          Embedding.embedding(tokenTypeIds, tokenType.getArray(), SparseFormat.DENSE)
              .singletonOrThrow();
      NDArray x = inputsEmbeds.add(pos).add(type);
      x = layerNorm(x, lnWeight, lnBias, config.layerNormEps());
      return dropout(x, config.hiddenDropout(), training);
    }

    /** Block API: (inputs_embeds [B,T,H], token_type_ids, position_ids) to ([B, T, H]). */
    @Override
    protected NDList forwardInternal(
        ParameterStore ps, NDList in, boolean training, PairList<String, Object> params) {
      return new NDList(forward(in.get(0), in.get(1), in.get(2), training));
    }
  }

  /**
   * Multi-head self-attention whose keys and values may be extended by a trainable prefix, and
   * whose projections may be changed by a {@link ProjectionAdapter}.
   */
  public static final class BertSelfAttention extends HfBlock {
    private final BertConfig config;
    private final Linears linears;
    private final Parameter qW, qB, kW, kB, vW, vB;
    private final EnumMap<Projection, ProjectionAdapter> adapters = new EnumMap<>(Projection.class);

    BertSelfAttention(BertConfig c, Linears linears) {
      this.config = c;
      this.linears = linears;
      int h = c.hiddenSize();
      qW = param("query.weight", h, h);
      qB = param("query.bias", h);
      kW = param("key.weight", h, h);
      kB = param("key.bias", h);
      vW = param("value.weight", h, h);
      vB = param("value.bias", h);
    }

    /** Adds {@code adapter}'s delta to that projection from now on; null removes it. */
    public void adapt(Projection projection, ProjectionAdapter adapter) {
      if (adapter == null) {
        adapters.remove(projection);
      } else {
        adapters.put(projection, adapter);
      }
    }

    /** W x + b, plus the adapter's delta when one is attached. */
    private NDArray project(NDArray hidden, Projection projection,
        Parameter weight, Parameter bias) {
      NDArray out = linears.apply(hidden, weight, bias);
      ProjectionAdapter adapter = adapters.get(projection);
      return adapter == null ? out : out.add(adapter.delta(hidden));
    }

    /** [B, T, H] to [B, nH, T, dH]. */
    private NDArray splitHeads(NDArray x) {
      Shape s = x.getShape();
      return x.reshape(s.get(0), s.get(1), config.numHeads(), config.headDim())
          .transpose(0, 2, 1, 3);
    }

    /**
     * @param hidden [B, T, H]
     * @param additiveMask [B, 1, 1, P+T]
     * @param past (key [B, nH, P, dH], value [B, nH, P, dH]) or null
     * @return context [B, T, H]
     */
    NDArray forward(NDArray hidden, NDArray additiveMask, NDList past, boolean training) {
      NDArray q = splitHeads(project(hidden, Projection.QUERY, qW, qB));
      NDArray k = splitHeads(project(hidden, Projection.KEY, kW, kB));
      NDArray v = splitHeads(project(hidden, Projection.VALUE, vW, vB));
      if (past != null) {
        k = past.get(0).concat(k, 2); // [B, nH, P+T, dH]
        v = past.get(1).concat(v, 2);
      } else if (additiveMask.getShape().get(3) != k.getShape().get(2)) {
        // A layer outside the prompt depth sees no prefix: drop the prefix columns of the mask.
        long p = additiveMask.getShape().get(3) - k.getShape().get(2);
        additiveMask = additiveMask.get(":, :, :, " + p + ":");
      }
      // Scale the queries [B, nH, T, dH] rather than the scores [B, nH, T, P+T]: fewer elements.
      NDArray scores =
          Scale.by(q, (float) (1 / Math.sqrt(config.headDim()))).matMul(k.transpose(0, 1, 3, 2));
      NDArray probs = scores.add(additiveMask).softmax(-1); // [B, nH, T, P+T]
      probs = dropout(probs, config.attentionDropout(), training);
      NDArray context = probs.matMul(v).transpose(0, 2, 1, 3); // [B, T, nH, dH]
      Shape s = hidden.getShape();
      return context.reshape(s.get(0), s.get(1), config.hiddenSize());
    }

    /** Block API: (hidden, additive_mask[, past_key, past_value]) to (context). */
    @Override
    protected NDList forwardInternal(
        ParameterStore ps, NDList in, boolean training, PairList<String, Object> params) {
      return new NDList(forward(in.get(0), in.get(1), pastOf(in), training));
    }
  }

  /** Attention + output projection + residual LayerNorm, then the feed-forward block. */
  public static final class BertLayer extends HfBlock {
    private final BertConfig config;
    private final Linears linears;
    private final BertSelfAttention self;
    private final Parameter attnOutW, attnOutB, attnLnW, attnLnB;
    private final Parameter interW, interB, outW, outB, outLnW, outLnB;

    BertLayer(BertConfig c, Linears linears) {
      this.config = c;
      this.linears = linears;
      int h = c.hiddenSize();
      int f = c.intermediateSize();
      self = addChildBlock("attention.self", new BertSelfAttention(c, linears));
      attnOutW = param("attention.output.dense.weight", h, h);
      attnOutB = param("attention.output.dense.bias", h);
      attnLnW = param("attention.output.LayerNorm.weight", h);
      attnLnB = param("attention.output.LayerNorm.bias", h);
      interW = param("intermediate.dense.weight", f, h);
      interB = param("intermediate.dense.bias", f);
      outW = param("output.dense.weight", h, f);
      outB = param("output.dense.bias", h);
      outLnW = param("output.LayerNorm.weight", h);
      outLnB = param("output.LayerNorm.bias", h);
    }

    /** [B, T, H] to [B, T, H]. */
    NDArray forward(NDArray hidden, NDArray additiveMask, NDList past, boolean training) {
      float eps = config.layerNormEps();
      NDArray context = self.forward(hidden, additiveMask, past, training);
      NDArray attnOut =
          dropout(linears.apply(context, attnOutW, attnOutB), config.hiddenDropout(), training);
      NDArray x = layerNorm(attnOut.add(hidden), attnLnW, attnLnB, eps);
      NDArray inter = activation(linears.apply(x, interW, interB), config.hiddenAct()); // [B, T, F]
      NDArray out = dropout(linears.apply(inter, outW, outB), config.hiddenDropout(), training);
      return layerNorm(out.add(x), outLnW, outLnB, eps);
    }

    /** Block API: (hidden, additive_mask[, past_key, past_value]) to (hidden). */
    @Override
    protected NDList forwardInternal(
        ParameterStore ps, NDList in, boolean training, PairList<String, Object> params) {
      return new NDList(forward(in.get(0), in.get(1), pastOf(in), training));
    }
  }

  /** tanh(dense(h[CLS])). */
  public static final class BertPooler extends HfBlock {
    private final Linears linears;
    private final Parameter w, b;

    BertPooler(BertConfig c, Linears linears) {
      this.linears = linears;
      w = param("dense.weight", c.hiddenSize(), c.hiddenSize());
      b = param("dense.bias", c.hiddenSize());
    }

    /** [B, T, H] to [B, H]. */
    NDArray forward(NDArray lastHiddenState) {
      NDArray cls = lastHiddenState.get(":, 0, :");
      return linears.apply(cls, w, b).tanh();
    }

    @Override
    protected NDList forwardInternal(
        ParameterStore ps, NDList in, boolean training, PairList<String, Object> params) {
      return new NDList(forward(in.singletonOrThrow()));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
      return new Shape[] {new Shape(inputShapes[0].get(0), inputShapes[0].get(2))};
    }
  }

  /** Masked-LM head: dense + activation + LayerNorm, then the tied word-embedding decoder + bias. */
  public static final class BertMlmHead extends HfBlock {
    private final BertConfig config;
    private final Linears linears;
    private final Parameter denseW, denseB, lnW, lnB, bias;

    BertMlmHead(BertConfig c, Linears linears) {
      this.config = c;
      this.linears = linears;
      int h = c.hiddenSize();
      denseW = param("transform.dense.weight", h, h);
      denseB = param("transform.dense.bias", h);
      lnW = param("transform.LayerNorm.weight", h);
      lnB = param("transform.LayerNorm.bias", h);
      bias = param("bias", c.vocabSize());
    }

    /** [B, T, H] to [B, T, V]. */
    NDArray forward(NDArray hidden, Parameter wordEmbeddings) {
      NDArray x = activation(linears.apply(hidden, denseW, denseB), config.hiddenAct());
      x = layerNorm(x, lnW, lnB, config.layerNormEps());
      return linears.apply(x, wordEmbeddings, bias); // [B, T, V]
    }

    // Not dead code: DJL makes it abstract; the head runs through BertModel#mlmLogits, which
    // passes the tied word-embedding parameter.
    @Override
    protected NDList forwardInternal(
        ParameterStore ps, NDList in, boolean training, PairList<String, Object> params) {
      throw new UnsupportedOperationException("call BertModel.mlmLogits(lastHiddenState)");
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
      Shape h = inputShapes[0];
      return new Shape[] {new Shape(h.get(0), h.get(1), config.vocabSize())};
    }
  }

  /** Total number of scalars in this model's parameters. */
  public long parameterCount() {
    long n = 0;
    for (NamedParameter p : namedParameters()) {
      n += p.shape().size();
    }
    return n;
  }
}
