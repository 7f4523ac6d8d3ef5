package ptune.backbone.weights;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The ONNX exports in the langchain4j jars, read as Hugging Face BertModel weights. */
class OnnxWeightReaderTest {

  private static final String[] LAYER_PARAMETERS = {
    "attention.self.query.weight", "attention.self.query.bias",
    "attention.self.key.weight", "attention.self.key.bias",
    "attention.self.value.weight", "attention.self.value.bias",
    "attention.output.dense.weight", "attention.output.dense.bias",
    "attention.output.LayerNorm.weight", "attention.output.LayerNorm.bias",
    "intermediate.dense.weight", "intermediate.dense.bias",
    "output.dense.weight", "output.dense.bias",
    "output.LayerNorm.weight", "output.LayerNorm.bias",
  };

  @Test
  void miniLmHasEveryBertModelParameterExceptThePooler() throws Exception {
    WeightSet weights = OnnxWeightReader.readJarEntry(
        ModelJars.jarHolding(ModelJars.MINILM_ONNX), ModelJars.MINILM_ONNX);

    assertBertEncoder(weights, 6, 384, 1536);
    assertEquals(5 + 6 * 16, weights.size());
    assertEquals(22_565_376L, weights.parameterCount());
    assertFalse(weights.contains("pooler.dense.weight"), "ONNX exports drop the pooler");
    assertFalse(weights.contains("embeddings.position_ids"), "a buffer, not a parameter");
  }

  @Test
  void bgeSmallHasTwelveLayers() throws Exception {
    try (InputStream in = getClass().getClassLoader().getResourceAsStream(ModelJars.BGE_ONNX)) {
      WeightSet weights = OnnxWeightReader.read(in, ModelJars.BGE_ONNX);
      assertBertEncoder(weights, 12, 384, 1536);
      assertEquals(5 + 12 * 16, weights.size());
      assertEquals(33_212_160L, weights.parameterCount());
    }
  }

  /**
   * Second route to the same numbers: find the MatMul node of layer 0's query and of layer 5's FFN
   * output in the raw graph, read its right operand [in, out] as stored, and compare element (i, j)
   * with the mapped weight's (j, i).
   */
  @Test
  void miniLmMatMulWeightsAreTransposedToOutIn() throws Exception {
    Path jar = ModelJars.jarHolding(ModelJars.MINILM_ONNX);
    ByteBuffer model = ByteBuffer.wrap(JarEntries.read(jar, ModelJars.MINILM_ONNX));
    WeightSet weights = OnnxWeightReader.parse(model, "minilm");
    RawOnnxGraph raw = RawOnnxGraph.read(model);

    for (String[] pair : List.of(
        new String[] {"/encoder/layer.0/attention/self/query/MatMul",
            "encoder.layer.0.attention.self.query.weight"},
        new String[] {"/encoder/layer.5/output/dense/MatMul",
            "encoder.layer.5.output.dense.weight"})) {
      String initializer = raw.matMulWeightOf(pair[0]);
      assertTrue(initializer.startsWith("onnx::MatMul_"), initializer);
      RawOnnxGraph.Tensor stored = raw.initializer(initializer); // [in, out]
      HostTensor mapped = weights.get(pair[1]).orElseThrow(); // [out, in]
      int in = (int) stored.dims()[0];
      int out = (int) stored.dims()[1];
      assertArrayEquals(new long[] {out, in}, mapped.shape());
      for (int[] ij : new int[][] {{0, 1}, {3, 7}, {in - 1, out - 2}, {17, out - 1}}) {
        int i = ij[0];
        int j = ij[1];
        assertEquals(stored.values()[i * out + j], mapped.data()[j * in + i], 0f,
            pair[1] + " (" + j + ", " + i + ")");
      }
    }
  }

  @Test
  void tinyModelNamesTheMatMulWeightAndTransposesIt() throws Exception {
    WeightSet weights = OnnxWeightReader.parse(ByteBuffer.wrap(TinyOnnxModel.bytes()), "tiny");

    HostTensor query = weights.require("encoder.layer.0.attention.self.query.weight", 3, 2);
    assertArrayEquals(new float[] {1, 4, 2, 5, 3, 6}, query.data());
    assertArrayEquals(TinyOnnxModel.LAYER_NORM,
        weights.require("embeddings.LayerNorm.weight", 3).data());
    assertEquals(3, weights.size(), "LayerNorm, bias, weight; the int64 position_ids is skipped");
  }

  private static void assertBertEncoder(WeightSet weights, int layers, int hidden, int ffn) {
    weights.require("embeddings.word_embeddings.weight", 30522, hidden);
    weights.require("embeddings.position_embeddings.weight", 512, hidden);
    weights.require("embeddings.token_type_embeddings.weight", 2, hidden);
    weights.require("embeddings.LayerNorm.weight", hidden);
    weights.require("embeddings.LayerNorm.bias", hidden);
    for (int layer = 0; layer < layers; layer++) {
      for (String parameter : LAYER_PARAMETERS) {
        String name = "encoder.layer." + layer + "." + parameter;
        HostTensor tensor = weights.get(name).orElse(null);
        assertNotNull(tensor, name);
        long[] expected = switch (parameter) {
          case "intermediate.dense.weight" -> new long[] {ffn, hidden};
          case "intermediate.dense.bias" -> new long[] {ffn};
          case "output.dense.weight" -> new long[] {hidden, ffn};
          default -> parameter.endsWith("weight") && !parameter.contains("LayerNorm")
              ? new long[] {hidden, hidden}
              : new long[] {hidden};
        };
        assertArrayEquals(expected, tensor.shape(), name);
      }
    }
  }
}
