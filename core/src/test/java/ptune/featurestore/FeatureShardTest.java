package ptune.featurestore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import org.apache.arrow.vector.util.ByteArrayReadableSeekableByteChannel;
import org.junit.jupiter.api.Test;
import ptune.encoding.Alignment;
import ptune.encoding.ExampleRows;
import ptune.trainer.EncodedExample;
import ptune.trainer.Target;

/**
 * Arrow shards round-trip every field of every kind of example (several record batches); sets refuse mixed encoders, duplicate ids and foreign Arrow files.
 */
class FeatureShardTest {

  @Test
  void roundTripsRowsAcrossRecordBatches() throws IOException {
    List<StoredExample> rows = new ArrayList<>();
    for (int i = 0; i < 1200; i++) {
      rows.add(new StoredExample(i % 2 == 0 ? "train" : "dev", "ex-" + i, i * 1_000_003L - 5, example(i)));
    }
    byte[] bytes = write(rows, "enc-1");

    FeatureShard.Contents back = FeatureShard.read(channel(bytes), "mem");
    assertEquals("enc-1", back.fingerprint());
    assertEquals(rows.size(), back.rows().size());
    for (int i = 0; i < rows.size(); i++) {
      StoredExample want = rows.get(i);
      StoredExample got = back.rows().get(i);
      assertEquals(want.split(), got.split());
      assertEquals(want.id(), got.id());
      assertEquals(want.sourceHash(), got.sourceHash());
      assertSameRows(want.rows(), got.rows());
    }
  }

  /**
   * Every kind of example in one shard: whole-example rows (multiple-choice rows of different
   * lengths, regression labels), tagged sentences with their word alignment (a truncated word
   * included), QA windows with their context offsets and answer spans (one window and three).
   */
  private static ExampleRows example(int i) {
    switch (i % 4) {
      case 0:
        int[][] ids = {{101, i, 102}, {101, i, i + 1, 7, 102}}; // two choices
        return ExampleRows.whole(new EncodedExample(ids, new int[][] {{0, 0, 1}, {0, 0, 0, 1, 1}}, i % 3));
      case 1:
        return ExampleRows.whole(EncodedExample.single(new int[] {101, i, 102}, new int[3], i % 7 == 0 ? 2.75f : i % 3));
      case 2:
        return new ExampleRows(List.of(EncodedExample.single(new int[] {101, i, 5, 6, 102}, new int[5],
            new Target.PerToken(new int[] {-100, i % 9, 3, -100, -100}))), new Alignment.Words(new int[] {1, 2, 3, -1}));
      default:
        int windows = i % 8 == 3 ? 3 : 1;
        List<EncodedExample> rows = new ArrayList<>();
        int[][] starts = new int[windows][];
        int[][] ends = new int[windows][];
        for (int w = 0; w < windows; w++) {
          rows.add(EncodedExample.single(new int[] {101, 9, 102, i, w, 102}, new int[] {0, 0, 0, 1, 1, 1},
              new Target.Span(w == 1 ? 3 : 0, w == 1 ? 4 : 0)));
          starts[w] = new int[] {-1, -1, -1, 10 * w, 10 * w + 4, -1};
          ends[w] = new int[] {-1, -1, -1, 10 * w + 3, 10 * w + 9, -1};
        }
        return new ExampleRows(rows, new Alignment.Context(starts, ends));
    }
  }

  private static void assertSameRows(ExampleRows want, ExampleRows got) {
    assertEquals(want.alignment().getClass(), got.alignment().getClass());
    assertEquals(want.rows().size(), got.rows().size());
    for (int r = 0; r < want.rows().size(); r++) {
      EncodedExample w = want.rows().get(r);
      EncodedExample g = got.rows().get(r);
      assertArrayEquals(w.inputIds(), g.inputIds());
      assertArrayEquals(w.tokenTypeIds(), g.tokenTypeIds());
      assertEquals(w.target().getClass(), g.target().getClass());
      if (w.target() instanceof Target.PerToken t) {
        assertArrayEquals(t.labels(), ((Target.PerToken) g.target()).labels());
      } else {
        assertEquals(w.target(), g.target()); // Value and Span are records of numbers
      }
    }
    if (want.alignment() instanceof Alignment.Words words) {
      assertArrayEquals(words.firstTokenOfWord(), ((Alignment.Words) got.alignment()).firstTokenOfWord());
    }
    if (want.alignment() instanceof Alignment.Context context) {
      assertArrayEquals(context.starts(), ((Alignment.Context) got.alignment()).starts());
      assertArrayEquals(context.ends(), ((Alignment.Context) got.alignment()).ends());
    }
  }

  private static SeekableByteChannel channel(byte[] bytes) {
    return new ByteArrayReadableSeekableByteChannel(bytes);
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
        WantedExamples.of(Map.of("train", Set.of("2"))));
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
        () -> FeatureShard.read(channel(out.toByteArray()), "foreign.arrow"));
    assertTrue(e.getMessage().startsWith("foreign.arrow: not a ptune feature shard"), e.getMessage());
  }

  private static StoredExample row(String split, String id) {
    return new StoredExample(split, id, 1, ExampleRows.whole(EncodedExample.single(new int[] {101, 102}, new int[2], 0)));
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
