package ptune.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.io.InputStream;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import ptune.backbone.Backbone;
import ptune.backbone.BackboneRegistry;

/**
 * ptune's DJL encoder against an independent reference: ONNX Runtime running the very ONNX file
 * the weights were read from, on real sentences (a pair and a padded single sentence).
 */
class OnnxRuntimeParityTest {

  @ParameterizedTest
  @CsvSource({"minilm-l6, all-minilm-l6-v2.onnx", "bge-small, bge-small-en-v1.5.onnx"})
  void lastHiddenStateMatchesOnnxRuntime(String name, String onnxResource) throws Exception {
    double maxDiff = maxDifferenceFromOnnxRuntime(name, onnxResource, Precision.FP32);
    assertTrue(maxDiff <= 1e-4, name + ": max abs difference " + maxDiff + " > 1e-4");
  }

  /**
   * {@code precision: bf16} (a frozen backbone's linears as bfloat16 products): bf16 keeps 8
   * significant bits, so each product is off by up to about 2^-9 of its size; over 6 or 12 layers
   * (LayerNorm renormalizes after each) the hidden states stay within about a hundredth of ONNX
   * Runtime's fp32 (measured 2026-12-02: MiniLM-L6 0.0116 with values up to 5.8, bge-small 0.0107
   * up to 2.95). The bound is 0.05; a broken product (a transposed or unscaled weight, a dropped
   * bias) is off by whole units.
   */
  @ParameterizedTest
  @CsvSource({"minilm-l6, all-minilm-l6-v2.onnx", "bge-small, bge-small-en-v1.5.onnx"})
  void bf16FrozenBackboneStaysCloseToOnnxRuntime(String name, String onnxResource)
      throws Exception {
    double maxDiff = maxDifferenceFromOnnxRuntime(name, onnxResource, Precision.BF16);
    assertTrue(maxDiff <= 0.05, name + " bf16: max abs difference " + maxDiff + " > 0.05");
    assertTrue(maxDiff > 1e-4, name + " bf16: as close as fp32 (" + maxDiff + "): did bf16 run?");
  }

  private static double maxDifferenceFromOnnxRuntime(String name, String onnxResource,
      Precision precision) throws Exception {
    Backbone backbone = BackboneRegistry.load(name);
    EncodedBatch batch = new EncodedBatch(backbone.tokenizer(), EncodedBatch.SENTENCES);

    float[][][] reference = runOnnxRuntime(onnxResource, batch);

    try (NDManager manager = NDManager.newBaseManager()) {
      BertModel model = backbone.newModel(manager);
      if (precision == Precision.BF16) {
        model.freezeParameters(true); // as pt and pt2 leave it
        model.multiplyFrozenWeightsInBf16(manager);
      }
      EncoderInputs in = batch.toInputs(manager);
      NDArray hidden = model.encode(in.inputIds(), in.tokenTypeIds(), in.attentionMask());
      float[] ours = hidden.toFloatArray();
      int t = batch.ids[0].length;
      int h = backbone.config().hiddenSize();
      assertEquals(batch.ids.length * t * h, ours.length);
      double maxDiff = 0;
      double maxRef = 0;
      for (int b = 0; b < batch.ids.length; b++) {
        for (int i = 0; i < t; i++) {
          for (int j = 0; j < h; j++) {
            float r = reference[b][i][j];
            maxDiff = Math.max(maxDiff, Math.abs(r - ours[(b * t + i) * h + j]));
            maxRef = Math.max(maxRef, Math.abs(r));
          }
        }
      }
      System.out.printf("%s %s: max |ptune - onnxruntime| = %.3g (max |ref| %.3g)%n", name,
          precision.configName(), maxDiff, maxRef);
      assertTrue(maxRef > 1, "reference output looks degenerate");
      return maxDiff;
    }
  }

  private static float[][][] runOnnxRuntime(String resource, EncodedBatch batch) throws Exception {
    byte[] model;
    try (InputStream in = OnnxRuntimeParityTest.class.getClassLoader().getResourceAsStream(resource)) {
      model = in.readAllBytes();
    }
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OrtSession session = env.createSession(model, new OrtSession.SessionOptions());
        OnnxTensor ids = OnnxTensor.createTensor(env, batch.ids);
        OnnxTensor mask = OnnxTensor.createTensor(env, batch.mask);
        OnnxTensor types = OnnxTensor.createTensor(env, batch.types);
        OrtSession.Result result = session.run(
            Map.of("input_ids", ids, "attention_mask", mask, "token_type_ids", types))) {
      return (float[][][]) result.get(0).getValue();
    }
  }
}
