package ptune.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import ai.djl.training.GradientCollector;
import java.util.Random;
import org.junit.jupiter.api.Test;
import ptune.backbone.Backbone;
import ptune.backbone.BackboneRegistry;
import ptune.model.ProjectionAdapter.Projection;

/**
 * The attention-projection hook a LoRA method would use, on minilm-l6 and real sentences: an
 * adapter's delta is added exactly where W x + b is (the same as adding its matrix to the weight),
 * a zero delta (LoRA's initial B = 0) or no adapter leaves the encoder as it was, and gradients
 * reach the adapter's matrices.
 */
class ProjectionAdapterTest {
  private static final int LAYER = 2;
  private static final String QUERY_WEIGHT = "encoder.layer." + LAYER + ".attention.self.query.weight";

  private static float[] encode(BertModel model, EncoderInputs in) {
    return model.encode(in.inputIds(), in.tokenTypeIds(), in.attentionMask()).toFloatArray();
  }

  private static NDArray random(NDManager manager, Random random, float std, long... shape) {
    float[] data = new float[Math.toIntExact(new Shape(shape).size())];
    for (int i = 0; i < data.length; i++) {
      data[i] = (float) (random.nextGaussian() * std);
    }
    return manager.create(data, new Shape(shape));
  }

  @Test
  void anAdapterChangesTheProjectionAsItsMatrixAddedToTheWeightWould() throws Exception {
    Backbone backbone = BackboneRegistry.load("minilm-l6");
    try (NDManager manager = NDManager.newBaseManager()) {
      BertModel model = backbone.newModel(manager, 0f, 0f);
      EncoderInputs in = new EncodedBatch(backbone.tokenizer(), EncodedBatch.SENTENCES)
          .toInputs(manager);
      float[] plain = encode(model, in);
      int h = model.config().hiddenSize();
      int rank = 4;
      Random random = new Random(3);
      NDArray a = random(manager, random, 0.05f, rank, h); // LoRA's A [r, H]
      NDArray b = random(manager, random, 0.05f, h, rank); // LoRA's B [H, r]
      ProjectionAdapter lora = x -> Linear.linear(Linear.linear(x, a).singletonOrThrow(), b)
          .singletonOrThrow();

      BertModel.BertSelfAttention attention = model.selfAttention(LAYER);
      attention.adapt(Projection.QUERY, x -> Linear.linear(x, manager.zeros(new Shape(h, h)))
          .singletonOrThrow());
      assertArrayEquals(plain, encode(model, in), 0f, "a zero delta changed the encoder");

      attention.adapt(Projection.QUERY, lora);
      float[] adapted = encode(model, in);
      double change = 0;
      for (int i = 0; i < plain.length; i++) {
        change = Math.max(change, Math.abs(adapted[i] - plain[i]));
      }
      assertTrue(change > 1e-3, "the adapter did not change the output (max change " + change + ")");

      BertModel merged = backbone.newModel(manager, 0f, 0f);
      for (BertModel.NamedParameter p : merged.namedParameters()) {
        if (p.name().equals(QUERY_WEIGHT)) {
          p.parameter().getArray().set(p.parameter().getArray().add(b.matMul(a)).toFloatArray());
        }
      }
      assertArrayEquals(encode(merged, in), adapted, 1e-4f,
          "W x + B A x differs from (W + B A) x: the delta is not added at the query projection");

      try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
        a.setRequiresGradient(true);
        NDArray out = model.encode(in.inputIds(), in.tokenTypeIds(), in.attentionMask());
        collector.backward(out.sum());
      }
      float[] gradient = a.getGradient().toFloatArray();
      double norm = 0;
      for (float g : gradient) {
        assertTrue(Float.isFinite(g));
        norm += g * g;
      }
      assertTrue(norm > 0, "no gradient reached the adapter's A");

      attention.adapt(Projection.QUERY, null);
      assertArrayEquals(plain, encode(model, in), 0f, "removing the adapter left a change");
    }
  }
}
