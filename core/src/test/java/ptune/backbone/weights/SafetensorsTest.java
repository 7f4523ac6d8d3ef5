package ptune.backbone.weights;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsTest {

  private static final WeightSet WEIGHTS = new WeightSet("memory", List.of(
      new HostTensor("embeddings.word_embeddings.weight", new long[] {3, 2},
          new float[] {0.1f, -2.5f, 3.0e-5f, 65504f, -0f, 1f / 3}),
      new HostTensor("cls.predictions.bias", new long[] {4}, new float[] {1, 2, 3, 4}),
      new HostTensor("pooler.dense.bias", new long[] {0}, new float[0])));

  @TempDir Path dir;

  @Test
  void float32RoundTripIsExact() throws Exception {
    Path file = dir.resolve("w.safetensors");
    SafetensorsWriter.write(file, WEIGHTS, SafetensorsDtype.F32, Map.of("source", "test"));
    WeightSet read = SafetensorsWeightReader.read(file);
    assertEquals(List.copyOf(WEIGHTS.names()), List.copyOf(read.names()));
    for (HostTensor t : WEIGHTS.tensors()) {
      HostTensor r = read.require(t.name(), t.shape());
      assertArrayEquals(t.data(), r.data(), t.name());
    }
    long headerLength = ByteBuffer.wrap(Files.readAllBytes(file), 0, 8)
        .order(ByteOrder.LITTLE_ENDIAN).getLong();
    assertEquals(0, headerLength % 8, "data starts 8-byte aligned");
  }

  @Test
  void float16AndBfloat16RoundTripWithinTheirPrecision() throws Exception {
    for (SafetensorsDtype dtype : List.of(SafetensorsDtype.F16, SafetensorsDtype.BF16)) {
      Path file = dir.resolve(dtype + ".safetensors");
      SafetensorsWriter.write(file, WEIGHTS, dtype, Map.of());
      float[] in = WEIGHTS.get("embeddings.word_embeddings.weight").orElseThrow().data();
      float[] out = SafetensorsWeightReader.read(file)
          .require("embeddings.word_embeddings.weight", 3, 2).data();
      float relative = dtype == SafetensorsDtype.F16 ? 1f / 2048 : 1f / 256;
      for (int i = 0; i < in.length; i++) {
        float tolerance = Math.max(Math.abs(in[i]) * relative, dtype == SafetensorsDtype.F16 ? 6e-8f : 0);
        assertEquals(in[i], out[i], tolerance, dtype + " element " + i);
      }
      assertEquals(Files.size(file) - 8 - headerLength(file), (6 + 4) * 2L);
    }
  }

  @Test
  void float16Conversions() {
    assertEquals(0x3c00, Float16.floatToHalf(1f));
    assertEquals((short) 0xc000, Float16.floatToHalf(-2f));
    assertEquals(0x7bff, Float16.floatToHalf(65504f));
    assertEquals(0x7c00, Float16.floatToHalf(65520f), "rounds to infinity");
    assertEquals(0x0001, Float16.floatToHalf(0x1p-24f), "smallest subnormal");
    assertEquals(0x3c00, Float16.floatToHalf(1f + 0x1p-11f), "tie rounds to even");
    assertEquals(0x3c02, Float16.floatToHalf(1f + 3 * 0x1p-11f), "tie rounds to even");
    assertTrue(Float.isNaN(Float16.halfToFloat(Float16.floatToHalf(Float.NaN))));
    assertEquals(Float.NEGATIVE_INFINITY, Float16.halfToFloat((short) 0xfc00));
    assertEquals(0x1p-24f, Float16.halfToFloat((short) 1));
    for (int bits = 0; bits < 0x7c00; bits++) { // every finite positive half survives a round trip
      assertEquals(bits, Float16.floatToHalf(Float16.halfToFloat((short) bits)));
    }
    assertEquals(1f, Float16.bfloat16ToFloat(Float16.floatToBfloat16(1.00390625f)), "tie to even");
    assertEquals((short) 0x3f81, Float16.floatToBfloat16(1.0078125f));
    assertEquals((short) 0x3f82, Float16.floatToBfloat16(1.01171875f), "tie to even");
  }

  @Test
  void mapsHuggingFaceCheckpointNames() throws Exception {
    float[] bias = {1, 2};
    Path file = dir.resolve("roberta.safetensors");
    SafetensorsWriter.write(file, new WeightSet("memory", List.of(
        new HostTensor("roberta.embeddings.position_ids", new long[] {2}, new float[] {0, 1}),
        new HostTensor("roberta.embeddings.LayerNorm.gamma", new long[] {2}, bias),
        new HostTensor("roberta.encoder.layer.0.output.LayerNorm.beta", new long[] {2}, bias),
        new HostTensor("lm_head.dense.weight", new long[] {2, 2}, new float[4]),
        new HostTensor("lm_head.layer_norm.bias", new long[] {2}, bias),
        new HostTensor("lm_head.bias", new long[] {2}, bias),
        new HostTensor("lm_head.decoder.bias", new long[] {2}, bias),
        new HostTensor("lm_head.decoder.weight", new long[] {2, 2}, new float[4]))),
        SafetensorsDtype.F32, Map.of());

    WeightSet weights = SafetensorsWeightReader.read(file);

    assertEquals(List.of("embeddings.LayerNorm.weight", "encoder.layer.0.output.LayerNorm.bias",
        "cls.predictions.transform.dense.weight", "cls.predictions.transform.LayerNorm.bias",
        "cls.predictions.bias", "cls.predictions.decoder.weight"), List.copyOf(weights.names()));
  }

  @Test
  void tiedCopiesThatDifferAreAnError() throws Exception {
    Path file = dir.resolve("tied.safetensors");
    SafetensorsWriter.write(file, new WeightSet("memory", List.of(
        new HostTensor("lm_head.bias", new long[] {2}, new float[] {1, 2}),
        new HostTensor("lm_head.decoder.bias", new long[] {2}, new float[] {1, 3}))),
        SafetensorsDtype.F32, Map.of());
    WeightFormatException e =
        assertThrows(WeightFormatException.class, () -> SafetensorsWeightReader.read(file));
    assertEquals("cls.predictions.bias", e.tensor());
  }

  @Test
  void truncatedFile() throws Exception {
    Path file = written();
    byte[] bytes = Files.readAllBytes(file);
    Files.write(file, Arrays.copyOf(bytes, bytes.length - 4));
    WeightFormatException e =
        assertThrows(WeightFormatException.class, () -> SafetensorsWeightReader.read(file));
    assertEquals(file.toString(), e.source());
    assertEquals("cls.predictions.bias", e.tensor());
    assertTrue(e.getMessage().contains("outside"), e.getMessage());
  }

  @Test
  void headerLengthBeyondTheFile() throws Exception {
    Path file = written();
    byte[] bytes = Files.readAllBytes(file);
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putLong(0, Long.MAX_VALUE);
    Files.write(file, bytes);
    WeightFormatException e =
        assertThrows(WeightFormatException.class, () -> SafetensorsWeightReader.read(file));
    assertTrue(e.getMessage().contains("does not fit in the file"), e.getMessage());
  }

  @Test
  void shorterThanTheLengthPrefix() throws Exception {
    Path file = Files.write(dir.resolve("tiny.safetensors"), new byte[] {1, 2, 3});
    assertThrows(WeightFormatException.class, () -> SafetensorsWeightReader.read(file));
  }

  @Test
  void headerThatIsNotJson() throws Exception {
    Path file = withHeader("{\"a\": {\"dtype\": \"F32\", ");
    WeightFormatException e =
        assertThrows(WeightFormatException.class, () -> SafetensorsWeightReader.read(file));
    assertTrue(e.getMessage().contains("not valid JSON"), e.getMessage());
  }

  @Test
  void offsetsOutOfRange() throws Exception {
    Path file = withHeader(
        "{\"pooler.dense.bias\": {\"dtype\": \"F32\", \"shape\": [2], \"data_offsets\": [0, 8000]}}");
    WeightFormatException e =
        assertThrows(WeightFormatException.class, () -> SafetensorsWeightReader.read(file));
    assertEquals("pooler.dense.bias", e.tensor());
  }

  @Test
  void shapeThatDoesNotMatchTheOffsets() throws Exception {
    Path file = withHeader(
        "{\"pooler.dense.bias\": {\"dtype\": \"F32\", \"shape\": [3], \"data_offsets\": [0, 8]}}");
    WeightFormatException e =
        assertThrows(WeightFormatException.class, () -> SafetensorsWeightReader.read(file));
    assertEquals("pooler.dense.bias", e.tensor());
    assertTrue(e.getMessage().contains("needs 12 bytes"), e.getMessage());
  }

  @Test
  void unsupportedDtype() throws Exception {
    Path file = withHeader(
        "{\"pooler.dense.bias\": {\"dtype\": \"I64\", \"shape\": [1], \"data_offsets\": [0, 8]}}");
    WeightFormatException e =
        assertThrows(WeightFormatException.class, () -> SafetensorsWeightReader.read(file));
    assertEquals("pooler.dense.bias", e.tensor());
    assertTrue(e.getMessage().contains("\"I64\""), e.getMessage());
  }

  @Test
  void missingAndWrongShapedTensorsNameTheFile() throws Exception {
    Path file = written();
    WeightSet weights = SafetensorsWeightReader.read(file);
    IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
        () -> weights.require("encoder.layer.0.output.dense.weight", 2, 2));
    assertTrue(missing.getMessage().startsWith(file + ": tensor 'encoder.layer.0.output.dense.weight'"),
        missing.getMessage());
    IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
        () -> weights.require("cls.predictions.bias", 5));
    assertTrue(shape.getMessage().contains("has shape [4], expected [5]"), shape.getMessage());
    assertFalse(weights.contains("nothing"));
  }

  private Path written() throws Exception {
    Path file = dir.resolve("w.safetensors");
    SafetensorsWriter.write(file, WEIGHTS, SafetensorsDtype.F32, Map.of());
    return file;
  }

  /** A file with {@code json} as its header and 8 zero bytes of data. */
  private Path withHeader(String json) throws Exception {
    byte[] header = json.getBytes(StandardCharsets.UTF_8);
    ByteBuffer file = ByteBuffer.allocate(8 + header.length + 8).order(ByteOrder.LITTLE_ENDIAN);
    file.putLong(header.length).put(header);
    return Files.write(dir.resolve("handmade.safetensors"), file.array());
  }

  private static long headerLength(Path file) throws Exception {
    return ByteBuffer.wrap(Files.readAllBytes(file), 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
  }
}
