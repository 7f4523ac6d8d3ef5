package ptune.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ptune.backbone.Backbone;
import ptune.backbone.BackboneCache;
import ptune.method.PromptConfig;
import ptune.method.TuningMethod;
import ptune.method.TuningMethods;

/**
 * {@code precision: bf16}: the frozen backbone's linears multiplied as bfloat16 copies through the
 * TorchScript modules of {@link Bf16Linears}. The hidden states are checked against ONNX Runtime in
 * {@link OnnxRuntimeParityTest}; here the gradients that reach a P-tuning v2 prefix through the bf16
 * products, against the same model in fp32 (MiniLM-L6, real sentences, dropout 0).
 */
class Bf16FrozenBackboneTest {

  @Test
  void prefixGradientsThroughBf16LinearsFollowTheFp32Ones() throws Exception {
    Backbone backbone = BackboneCache.get("minilm-l6");
    try (NDManager manager = NDManager.newBaseManager()) {
      EncoderInputs in = new EncodedBatch(backbone.tokenizer(), EncodedBatch.SENTENCES)
          .toInputs(manager);
      float[] fp32 = prefixGradient(backbone, in, manager, false);
      float[] bf16 = prefixGradient(backbone, in, manager, true);
      double dot = 0;
      double n32 = 0;
      double diff = 0;
      for (int i = 0; i < fp32.length; i++) {
        assertTrue(Float.isFinite(bf16[i]), "bf16 gradient holds " + bf16[i]);
        dot += (double) fp32[i] * bf16[i];
        n32 += (double) fp32[i] * fp32[i];
        diff += (double) (fp32[i] - bf16[i]) * (fp32[i] - bf16[i]);
      }
      double n16 = 0;
      for (float g : bf16) {
        n16 += (double) g * g;
      }
      double relative = Math.sqrt(diff / n32);
      double cosine = dot / Math.sqrt(n32 * n16);
      System.out.printf("bf16 vs fp32 prefix gradient: relative L2 error %.4f, cosine %.6f%n",
          relative, cosine);
      assertTrue(n32 > 0, "the fp32 gradient is zero");
      // bf16 keeps 8 significant bits (relative rounding 2^-9 per product input): over 6 layers,
      // forward and backward, measured 2026-12-02 a relative error of 0.013 (cosine 0.99992); a
      // wrong product (a missing bias, a transposed weight, no gradient through the module) is
      // off by the gradient's whole size.
      assertTrue(relative < 0.04, "relative L2 error " + relative);
      assertTrue(relative > 1e-4, "bf16 gave the fp32 gradient: did the bf16 path run?");
      assertTrue(cosine > 0.999, "cosine " + cosine);
    }
  }

  @Test
  void weightsThatTrainStayFp32() throws Exception {
    Backbone backbone = BackboneCache.get("minilm-l6");
    try (NDManager manager = NDManager.newBaseManager()) {
      EncoderInputs in = new EncodedBatch(backbone.tokenizer(), EncodedBatch.SENTENCES)
          .toInputs(manager);
      BertModel plain = backbone.newModel(manager, 0f, 0f);
      BertModel asked = backbone.newModel(manager, 0f, 0f);
      asked.multiplyFrozenWeightsInBf16(manager); // nothing is frozen: fine-tuning's case
      float[] expected = plain.encode(in.inputIds(), in.tokenTypeIds(), in.attentionMask())
          .toFloatArray();
      float[] actual = asked.encode(in.inputIds(), in.tokenTypeIds(), in.attentionMask())
          .toFloatArray();
      assertArrayEquals(expected, actual, 0f);
    }
  }

  @Test
  void cpuFlagsNameBf16OnlyWithAvx512Bf16OrAmx(@TempDir Path dir) throws Exception {
    Path zen4 = Files.writeString(dir.resolve("zen4"),
        "processor\t: 0\nflags\t\t: fpu sse avx2 avx512f avx512_bf16 avx512_vnni\n");
    Path sapphire = Files.writeString(dir.resolve("spr"),
        "processor\t: 0\nflags\t\t: avx512f amx_bf16 amx_tile amx_int8\n");
    Path skylake = Files.writeString(dir.resolve("skx"),
        "processor\t: 0\nflags\t\t: avx512f avx512bw avx512_vnni\nbugs\t\t: avx512_bf16_is_not_a_flag\n");
    assertTrue(Precision.cpuFlagsNameBf16(zen4));
    assertTrue(Precision.cpuFlagsNameBf16(sapphire));
    assertFalse(Precision.cpuFlagsNameBf16(skylake));
    assertFalse(Precision.cpuFlagsNameBf16(dir.resolve("absent")));
  }

  /** d sum(last hidden state * fixed weights) / d prefix for a pt2 model on {@code in}. */
  private static float[] prefixGradient(Backbone backbone, EncoderInputs in, NDManager manager,
      boolean bf16) {
    JniUtils.setGradMode(false);
    BertModel model = backbone.newModel(manager, 0f, 0f);
    TuningMethod method = TuningMethods.create("pt2", model,
        PromptConfig.defaults(8, model.config().numLayers()), manager, new Random(3));
    if (bf16) {
      model.multiplyFrozenWeightsInBf16(manager);
    }
    NDArray prefix = method.parameters().asMap().get("prefix_encoder.embedding.weight");
    try (NDScope scope = new NDScope();
        NDManager step = manager.newSubManager()) {
      try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
        NDArray hidden = method.encode(model, in, false);
        Engine.getInstance().setRandomSeed(5);
        NDArray weights = step.randomNormal(hidden.getShape());
        collector.backward(hidden.mul(weights).sum());
      }
      NDArray grad = prefix.getGradient();
      float[] out = grad.toFloatArray();
      grad.subi(grad);
      return out;
    }
  }
}
