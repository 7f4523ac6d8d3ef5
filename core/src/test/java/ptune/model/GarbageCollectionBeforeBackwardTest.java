package ptune.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import ptune.backbone.Backbone;
import ptune.backbone.BackboneCache;
import ptune.method.PromptConfig;
import ptune.method.TuningMethod;
import ptune.method.TuningMethods;

/**
 * Regression test for a rare DIVERGED trial (NaN loss at a sane learning rate, quickstart CB pt2 with
 * lr 3e-2). The cause was not the learning rate: the attention scaled its queries with DJL's
 * {@code mul(Number)}, which creates a scalar array over a Java direct buffer and closes it right
 * away, while autograd keeps that scalar for the backward pass (fixed by {@link Scale}). Whenever a GC freed the buffer
 * between forward and backward, the prefix gradients were computed from freed memory (garbage,
 * inf, NaN); clipping and AdamW then turned the parameters into NaN and the next loss was NaN.
 * Here the GC runs, and the freed small blocks are refilled with NaN bytes, exactly between the
 * forward and the backward pass: the gradients must be the ones computed without that.
 */
class GarbageCollectionBeforeBackwardTest {

  @Test
  void prefixGradientsDoNotDependOnGarbageCollectionBeforeBackward() throws Exception {
    Backbone backbone = BackboneCache.get("minilm-l6");
    try (NDManager manager = NDManager.newBaseManager()) {
      BertModel model = backbone.newModel(manager, 0f, 0f);
      TuningMethod method = TuningMethods.create("pt2", model,
          PromptConfig.defaults(4, model.config().numLayers()), manager, new Random(3));
      NDArray prefix = method.parameters().asMap().get("prefix_encoder.embedding.weight");

      float[] reference = prefixGradient(model, method, prefix, backbone.tokenizer().padId(),
          manager, false);
      for (float g : reference) {
        assertTrue(Float.isFinite(g), "reference gradient holds " + g);
      }
      for (int round = 0; round < 3; round++) {
        float[] churned = prefixGradient(model, method, prefix, backbone.tokenizer().padId(),
            manager, true);
        assertArrayEquals(reference, churned, "round " + round
            + ": a GC between forward and backward changed the prefix gradients");
      }
    }
  }

  /** d sum(last hidden state) / d prefix, optionally with a GC and NaN refill before backward. */
  private static float[] prefixGradient(BertModel model, TuningMethod method, NDArray prefix,
      int padId, NDManager manager, boolean churn) throws InterruptedException {
    JniUtils.setGradMode(false);
    long[] ids = {101, 2023, 2003, 1037, 2200, 2460, 6251, 102,
        101, 2178, 2028, 102, padId, padId, padId, padId};
    long[] mask = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0};
    List<ByteBuffer> refill = List.of();
    try (NDScope scope = new NDScope();
        NDManager step = manager.newSubManager()) {
      Shape shape = new Shape(2, 8);
      EncoderInputs in = new EncoderInputs(step.create(ids, shape), step.zeros(shape,
          ai.djl.ndarray.types.DataType.INT64), step.create(mask, shape));
      try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
        NDArray loss = method.encode(model, in, false).sum();
        if (churn) {
          refill = collectAndRefillFreedMemory();
        }
        collector.backward(loss);
      }
      NDArray grad = prefix.getGradient();
      float[] out = grad.toFloatArray();
      grad.subi(grad);
      java.lang.ref.Reference.reachabilityFence(refill); // refill blocks stay allocated until here
      return out;
    }
  }

  /** Runs the GC, then fills many small direct blocks (where freed scalars lived) with 0xFF. */
  private static List<ByteBuffer> collectAndRefillFreedMemory() throws InterruptedException {
    List<ByteBuffer> keep = new ArrayList<>();
    for (int round = 0; round < 3; round++) {
      System.gc();
      Thread.sleep(50); // the Cleaner frees unreachable direct buffers on its own thread
      for (int i = 0; i < 20000; i++) {
        ByteBuffer b = ByteBuffer.allocateDirect(4 + (i % 4) * 4);
        while (b.hasRemaining()) {
          b.put((byte) 0xFF); // a NaN float pattern
        }
        keep.add(b);
      }
    }
    return keep;
  }
}
