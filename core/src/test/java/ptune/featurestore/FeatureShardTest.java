package ptune.featurestore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import org.junit.jupiter.api.Test;
import ptune.trainer.EncodedExample;

/**
 * Arrow shards round-trip every field (several record batches, multiple-choice rows of different
 * lengths, regression labels); sets refuse mixed encoders, duplicate ids and foreign Arrow files.
 */
class FeatureShardTest {

  @Test
  void roundTripsRowsAcrossRecordBatches() throws IOException {
    List<StoredExample> rows = new ArrayList<>();
    for (int i = 0; i < 1200; i++) {
      int[][] ids = i % 3 == 0
          ? new int[][] {{101, i, 102}, {101, i, i + 1, 7, 102}} // two choices
          : new int[][] {{101, i, 102}};
      int[][] types = new int[ids.length][];
      for (int r = 0; r < ids.length; r++) {
        types[r] = new int[ids[r].length];
        types[r][ids[r].length - 1] = 1;
      }
      rows.add(new StoredExample(i % 2 == 0 ? "train" : "dev", "ex-" + i, i * 1_000_003L - 5,
          new EncodedExample(ids, types, i % 7 == 0 ? 2.75f : i % 3)));
    }
    byte[] bytes = write(rows, "enc-1");

    FeatureShard.Contents back = FeatureShard.read(new ByteArrayInputStream(bytes), "mem");
    assertEquals("enc-1", back.fingerprint());
    assertEquals(rows.size(), back.rows().size());
    for (int i = 0; i < rows.size(); i++) {
      StoredExample want = rows.get(i);
      StoredExample got = back.rows().get(i);
      assertEquals(want.split(), got.split());
      assertEquals(want.id(), got.id());
      assertEquals(want.sourceHash(), got.sourceHash());
      assertEquals(want.example().label(), got.example().label());
      assertArrayEquals(want.example().inputIds(), got.example().inputIds());
      assertArrayEquals(want.example().tokenTypeIds(), got.example().tokenTypeIds());
    }
  }

  @Test
  void setIndexesShardsBySplitAndId() throws IOException {
    Map<String, byte[]> shards = Map.of(
        "a.arrow", write(List.of(row("train", "1"), row("dev", "1")), "enc"),
        "b.arrow", write(List.of(row("train", "2")), "enc"));
    StoredFeatureSet set = StoredFeatureSet.load(source(shards), key());
    assertEquals("enc", set.fingerprint());
    assertEquals(2, set.size("train"));
    assertEquals(1, set.size("dev"));
    assertEquals("2", set.find("train", "2").id());
    assertNull(set.find("dev", "2"));
    assertNull(StoredFeatureSet.load(source(Map.of()), key()), "no shards, no set");

    StoredFeatureSet subset = StoredFeatureSet.load(source(shards), key(),
        (split, id) -> split.equals("train") && id.equals("2"));
    assertEquals(1, subset.size("train"));
    assertEquals(0, subset.size("dev"));
    assertNull(subset.find("train", "1"), "rows the trial does not use are not kept");
  }

  @Test
  void refusesShardsOfTwoEncoders() throws IOException {
    Map<String, byte[]> shards = Map.of(
        "a.arrow", write(List.of(row("train", "1")), "enc-old"),
        "b.arrow", write(List.of(row("train", "2")), "enc-new"));
    IOException e = assertThrows(IOException.class, () -> StoredFeatureSet.load(source(shards), key()));
    assertTrue(e.getMessage().contains("enc-old") && e.getMessage().contains("enc-new"), e.getMessage());
  }

  @Test
  void refusesAnIdStoredTwice() throws IOException {
    Map<String, byte[]> shards = Map.of(
        "a.arrow", write(List.of(row("dev", "7")), "enc"),
        "b.arrow", write(List.of(row("dev", "7")), "enc"));
    IOException e = assertThrows(IOException.class, () -> StoredFeatureSet.load(source(shards), key()));
    assertTrue(e.getMessage().contains("'7'") && e.getMessage().contains("dev"), e.getMessage());
  }

  @Test
  void refusesAnArrowFileThatIsNoShard() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (RootAllocator allocator = new RootAllocator();
        IntVector v = new IntVector("x", allocator);
        VectorSchemaRoot root = VectorSchemaRoot.of(v);
        ArrowFileWriter writer = new ArrowFileWriter(root, null, Channels.newChannel(out))) {
      v.setSafe(0, 1);
      root.setRowCount(1);
      writer.start();
      writer.writeBatch();
      writer.end();
    }
    IOException e = assertThrows(IOException.class,
        () -> FeatureShard.read(new ByteArrayInputStream(out.toByteArray()), "foreign.arrow"));
    assertTrue(e.getMessage().startsWith("foreign.arrow: not a ptune feature shard"), e.getMessage());
  }

  private static StoredExample row(String split, String id) {
    return new StoredExample(split, id, 1, EncodedExample.single(new int[] {101, 102}, new int[2], 0));
  }

  private static FeatureSetKey key() {
    return new FeatureSetKey("cb", "minilm-l6", 128, FeatureSetKey.CLASSIFIER);
  }

  private static byte[] write(List<StoredExample> rows, String fingerprint) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertEquals(rows.size(), FeatureShard.write(rows.iterator(), fingerprint, out));
    return out.toByteArray();
  }

  private static FeatureSource source(Map<String, byte[]> shards) {
    return new InMemoryFeatureSource(shards);
  }
}
