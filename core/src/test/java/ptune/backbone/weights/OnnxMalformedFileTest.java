package ptune.backbone.weights;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Broken ONNX files end in a WeightFormatException that names the file and, if known, the tensor. */
class OnnxMalformedFileTest {

  @TempDir Path dir;

  @Test
  void readsTheTinyModelFromAFile() throws Exception {
    Path file = write("tiny.onnx", TinyOnnxModel.bytes());
    WeightSet weights = OnnxWeightReader.read(file);
    assertEquals(file.toString(), weights.source());
    weights.require("encoder.layer.0.attention.self.query.weight", 3, 2);
  }

  @Test
  void truncatedFile() throws Exception {
    byte[] model = TinyOnnxModel.bytes();
    Path file = write("truncated.onnx", Arrays.copyOf(model, model.length - 20));
    WeightFormatException e =
        assertThrows(WeightFormatException.class, () -> OnnxWeightReader.read(file));
    assertEquals(file.toString(), e.source());
    assertTrue(e.getMessage().contains("remain"), e.getMessage());
  }

  @Test
  void garbageVarint() throws Exception {
    byte[] garbage = new byte[32];
    Arrays.fill(garbage, (byte) 0xff);
    Path file = write("garbage.onnx", garbage);
    WeightFormatException e =
        assertThrows(WeightFormatException.class, () -> OnnxWeightReader.read(file));
    assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("varint"), e.getMessage());
  }

  @Test
  void hugeDeclaredLengthIsRejectedWithoutAllocating() throws Exception {
    // graph field (7, LEN) claiming 2^40 bytes
    byte[] model = new ProtoWriter().rawVarint(7 << 3 | 2).rawVarint(1L << 40).toByteArray();
    Path file = write("huge.onnx", model);
    WeightFormatException e =
        assertThrows(WeightFormatException.class, () -> OnnxWeightReader.read(file));
    assertTrue(e.getMessage().contains("declares 1099511627776 bytes"), e.getMessage());
  }

  @Test
  void notAModel() throws Exception {
    Path file = write("empty.onnx", new ProtoWriter().varint(1, 7).toByteArray());
    WeightFormatException e =
        assertThrows(WeightFormatException.class, () -> OnnxWeightReader.read(file));
    assertTrue(e.getMessage().contains("no graph"), e.getMessage());
  }

  @Test
  void rawDataDoesNotMatchTheDims() throws Exception {
    byte[] model = TinyOnnxModel.model(
        "/encoder/layer.0/attention/self/query/MatMul",
        "encoder.layer.0.attention.self.query.bias",
        TinyOnnxModel.tensor("onnx::MatMul_7", new long[] {2, 4}, TinyOnnxModel.MATMUL_IN_OUT));
    Path file = write("shape.onnx", model);
    WeightFormatException e =
        assertThrows(WeightFormatException.class, () -> OnnxWeightReader.read(file));
    assertEquals("onnx::MatMul_7", e.tensor());
    assertTrue(e.getMessage().contains("need 32 bytes"), e.getMessage());
  }

  @Test
  void nodeNameAndBiasDisagree() throws Exception {
    byte[] model = TinyOnnxModel.model(
        "/encoder/layer.0/attention/self/key/MatMul",
        "encoder.layer.0.attention.self.query.bias",
        TinyOnnxModel.tensor("onnx::MatMul_7", new long[] {2, 3}, TinyOnnxModel.MATMUL_IN_OUT));
    Path file = write("disagree.onnx", model);
    WeightFormatException e =
        assertThrows(WeightFormatException.class, () -> OnnxWeightReader.read(file));
    assertEquals("onnx::MatMul_7", e.tensor());
  }

  @Test
  void weightNamedByBiasAloneWhenTheNodeIsAnonymous() throws Exception {
    byte[] model = TinyOnnxModel.model(
        "MatMul_12",
        "encoder.layer.0.attention.self.query.bias",
        TinyOnnxModel.tensor("onnx::MatMul_7", new long[] {2, 3}, TinyOnnxModel.MATMUL_IN_OUT));
    WeightSet weights = OnnxWeightReader.read(write("anonymous.onnx", model));
    // the bias's name alone names the weight, [out, in] like the named-node case
    HostTensor query = weights.require("encoder.layer.0.attention.self.query.weight", 3, 2);
    assertArrayEquals(new float[] {1, 4, 2, 5, 3, 6}, query.data());
    assertFalse(weights.contains("onnx::MatMul_7"), "the anonymous name is not kept: " + weights.names());
    assertEquals(3, weights.size(), "LayerNorm, bias, weight: " + weights.names());
  }

  @Test
  void missingTensorNamesFileAndTensor() throws Exception {
    Path file = write("tiny.onnx", TinyOnnxModel.bytes());
    WeightSet weights = OnnxWeightReader.read(file);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> weights.require("pooler.dense.weight", 3, 3));
    assertTrue(e.getMessage().startsWith(file + ": tensor 'pooler.dense.weight'"), e.getMessage());
    assertTrue(e.getMessage().contains("missing"), e.getMessage());
  }

  @Test
  void wrongShapeNamesFileAndTensor() throws Exception {
    Path file = write("tiny.onnx", TinyOnnxModel.bytes());
    WeightSet weights = OnnxWeightReader.read(file);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> weights.require("encoder.layer.0.attention.self.query.weight", 2, 3));
    assertTrue(e.getMessage().contains("has shape [3, 2], expected [2, 3]"), e.getMessage());
    assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
  }

  private Path write(String name, byte[] bytes) throws Exception {
    return Files.write(dir.resolve(name), bytes);
  }
}
