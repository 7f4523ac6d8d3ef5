package ptune.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import ptune.backbone.Backbone;
import ptune.backbone.BackboneRegistry;

/** The prefix (past_key_values) path of the encoder, on minilm-l6 and real sentences. */
class PrefixAttentionTest {
  static NDManager manager;
  static BertModel model;
  static EncoderInputs inputs;

  @BeforeAll
  static void load() throws Exception {
    Backbone backbone = BackboneRegistry.load("minilm-l6");
    manager = NDManager.newBaseManager();
    model = backbone.newModel(manager);
    inputs = new EncodedBatch(backbone.tokenizer(), EncodedBatch.SENTENCES).toInputs(manager);
  }

  @AfterAll
  static void close() {
    manager.close();
  }

  private static float[] plain() {
    return model.encode(inputs.inputIds(), inputs.tokenTypeIds(), inputs.attentionMask())
        .toFloatArray();
  }

  private static float[] withPrefix(List<NDList> past, NDArray prefixMask, int shift) {
    return model.forward(model.embeddings().wordEmbeddings(inputs.inputIds()),
        inputs.tokenTypeIds(), model.positionIds(inputs.inputIds(), shift),
        inputs.attentionMask(), past, prefixMask, false).toFloatArray();
  }

  private static List<NDList> randomPrefix(int p, float scale) {
    BertConfig c = model.config();
    long b = inputs.batchSize();
    Shape s = new Shape(b, c.numHeads(), p, c.headDim());
    List<NDList> past = new ArrayList<>();
    for (int i = 0; i < c.numLayers(); i++) {
      past.add(new NDList(manager.randomNormal(s).mul(scale), manager.randomNormal(s).mul(scale)));
    }
    return past;
  }

  @Test
  void prefixOfLengthZeroGivesExactlyThePlainOutput() {
    List<NDList> empty = randomPrefix(0, 1f);
    NDArray mask = manager.zeros(new Shape(inputs.batchSize(), 0), DataType.INT64);
    assertArrayEquals(plain(), withPrefix(empty, mask, 0), 0f);
  }

  @Test
  void randomPrefixChangesTheOutput() {
    int p = 4;
    NDArray mask = manager.ones(new Shape(inputs.batchSize(), p), DataType.INT64);
    float[] base = plain();
    float[] prefixed = withPrefix(randomPrefix(p, 1f), mask, 0);
    double maxDiff = 0;
    for (int i = 0; i < base.length; i++) {
      maxDiff = Math.max(maxDiff, Math.abs(base[i] - prefixed[i]));
    }
    assertTrue(maxDiff > 0.1, "a random prefix should change the hidden states, max diff " + maxDiff);
  }

  @Test
  void attentionMaskCoversPrefixPositions() {
    // Masked-out prefix slots must be invisible: whatever their values, the output is the plain one.
    int p = 3;
    NDArray masked = manager.zeros(new Shape(inputs.batchSize(), p), DataType.INT64);
    float[] base = plain();
    float[] small = withPrefix(randomPrefix(p, 1f), masked, 0);
    float[] huge = withPrefix(randomPrefix(p, 100f), masked, 0);
    assertArrayEquals(base, small, 1e-5f);
    assertArrayEquals(base, huge, 1e-5f);
  }

  @Test
  void layersOutsideThePromptDepthGetNoPrefix() {
    int p = 2;
    NDArray mask = manager.ones(new Shape(inputs.batchSize(), p), DataType.INT64);
    List<NDList> none = new ArrayList<>();
    for (int i = 0; i < model.config().numLayers(); i++) {
      none.add(null);
    }
    // A prefix mask of ones but no layer prompted: identical to the plain encoder.
    assertArrayEquals(plain(), withPrefix(none, mask, 0), 1e-5f);
  }
}
