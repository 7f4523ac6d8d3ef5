package ptune.featurestore;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.impl.UnionListWriter;
import org.apache.arrow.vector.complex.writer.BaseWriter.ListWriter;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import org.apache.arrow.vector.ipc.message.ArrowBlock;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.arrow.vector.util.ByteArrayReadableSeekableByteChannel;
import ptune.trainer.EncodedExample;
import ptune.trainer.Target;

/**
 * One Apache Arrow IPC file of stored examples, written in record batches. Columns: {@code split},
 * {@code id}, {@code source_hash} (int64), {@code label} (float32: class index, score or right
 * choice), {@code input_ids} and {@code token_type_ids} (list of rows of int32: one row per
 * encoder input, several for multiple choice). The schema metadata {@code ptune.fingerprint}
 * identifies the encoder that wrote it, so a reader can refuse features of another tokenizer.
 */
public final class FeatureShard {

  public static final String FINGERPRINT_KEY = "ptune.fingerprint";
  private static final int BATCH_ROWS = 512;

  /** The rows of one shard and the fingerprint of the encoder that wrote them. */
  public record Contents(String fingerprint, List<StoredExample> rows) {}

  private FeatureShard() {}

  static Schema schema(String fingerprint) {
    return new Schema(List.of(
        Field.nullable("split", ArrowType.Utf8.INSTANCE),
        Field.nullable("id", ArrowType.Utf8.INSTANCE),
        Field.nullable("source_hash", new ArrowType.Int(64, true)),
        Field.nullable("label", new ArrowType.FloatingPoint(
            org.apache.arrow.vector.types.FloatingPointPrecision.SINGLE)),
        rowsOfInts("input_ids"), rowsOfInts("token_type_ids")),
        Map.of(FINGERPRINT_KEY, fingerprint));
  }

  private static Field rowsOfInts(String name) {
    Field ints = new Field("item", FieldType.nullable(new ArrowType.Int(32, true)), null);
    Field row = new Field("row", FieldType.nullable(ArrowType.List.INSTANCE), List.of(ints));
    return new Field(name, FieldType.nullable(ArrowType.List.INSTANCE), List.of(row));
  }

  /** Writes {@code rows} as one shard; returns the number of rows. */
  public static long write(Iterator<StoredExample> rows, String fingerprint, OutputStream out)
      throws IOException {
    long count = 0;
    try (BufferAllocator allocator = new RootAllocator();
        VectorSchemaRoot root = VectorSchemaRoot.create(schema(fingerprint), allocator);
        ArrowFileWriter writer = new ArrowFileWriter(root, null, Channels.newChannel(out))) {
      writer.start();
      while (rows.hasNext()) {
        root.allocateNew();
        UnionListWriter ids = ((ListVector) root.getVector("input_ids")).getWriter();
        UnionListWriter types = ((ListVector) root.getVector("token_type_ids")).getWriter();
        int n = 0;
        for (; rows.hasNext() && n < BATCH_ROWS; n++) {
          StoredExample r = rows.next();
          ((VarCharVector) root.getVector("split")).setSafe(n, utf8(r.split()));
          ((VarCharVector) root.getVector("id")).setSafe(n, utf8(r.id()));
          ((BigIntVector) root.getVector("source_hash")).setSafe(n, r.sourceHash());
          ((Float4Vector) root.getVector("label")).setSafe(n, label(r));
          writeRows(ids, n, r.example().inputIds());
          writeRows(types, n, r.example().tokenTypeIds());
        }
        ids.setValueCount(n);
        types.setValueCount(n);
        root.setRowCount(n);
        writer.writeBatch();
        count += n;
      }
      writer.end();
    }
    return count;
  }

  /** Reads a whole shard; {@code name} (its path) only names it in errors. */
  public static Contents read(InputStream in, String name) throws IOException {
    return read(in, name, (split, id) -> true);
  }

  /**
   * Reads the rows of a shard that {@code keep} accepts (by split and id), decoding the token ids of
   * those rows only: a trial on a subsample of a large task holds just its own examples.
   */
  public static Contents read(InputStream in, String name, BiPredicate<String, String> keep)
      throws IOException {
    byte[] bytes = in.readAllBytes();
    List<StoredExample> rows = new ArrayList<>();
    try (BufferAllocator allocator = new RootAllocator();
        ArrowFileReader reader = new ArrowFileReader(
            new ByteArrayReadableSeekableByteChannel(bytes), allocator)) {
      VectorSchemaRoot root = reader.getVectorSchemaRoot();
      String fingerprint = root.getSchema().getCustomMetadata().get(FINGERPRINT_KEY);
      if (fingerprint == null || root.getSchema().findField("source_hash") == null) {
        throw new IOException(name + ": not a ptune feature shard (no " + FINGERPRINT_KEY
            + " metadata or source_hash column); rerun preprocess");
      }
      for (ArrowBlock block : reader.getRecordBlocks()) {
        reader.loadRecordBatch(block);
        VarCharVector split = (VarCharVector) root.getVector("split");
        VarCharVector id = (VarCharVector) root.getVector("id");
        BigIntVector hash = (BigIntVector) root.getVector("source_hash");
        Float4Vector label = (Float4Vector) root.getVector("label");
        ListVector ids = (ListVector) root.getVector("input_ids");
        ListVector types = (ListVector) root.getVector("token_type_ids");
        for (int i = 0; i < root.getRowCount(); i++) {
          String rowSplit = new String(split.get(i), StandardCharsets.UTF_8);
          String rowId = new String(id.get(i), StandardCharsets.UTF_8);
          if (keep.test(rowSplit, rowId)) {
            EncodedExample example = new EncodedExample(readRows(ids, i), readRows(types, i),
                label.get(i));
            rows.add(new StoredExample(rowSplit, rowId, hash.get(i), example));
          }
        }
      }
      return new Contents(fingerprint, rows);
    }
  }

  private static float label(StoredExample r) {
    if (!(r.example().target() instanceof Target.Value value)) {
      throw new IllegalArgumentException("example " + r.id() + ": only whole-example labels are "
          + "stored, not " + r.example().target().getClass().getSimpleName() + " targets");
    }
    return value.value();
  }

  private static void writeRows(UnionListWriter writer, int index, int[][] rows) {
    writer.setPosition(index);
    writer.startList();
    for (int[] row : rows) {
      ListWriter inner = writer.list();
      inner.startList();
      for (int v : row) {
        inner.integer().writeInt(v);
      }
      inner.endList();
    }
    writer.endList();
  }

  /** Row {@code index} of a list-of-rows column, read from Arrow's offsets without boxing. */
  private static int[][] readRows(ListVector column, int index) {
    ListVector rows = (ListVector) column.getDataVector();
    IntVector values = (IntVector) rows.getDataVector();
    int first = column.getElementStartIndex(index);
    int[][] out = new int[column.getElementEndIndex(index) - first][];
    for (int r = 0; r < out.length; r++) {
      int from = rows.getElementStartIndex(first + r);
      int[] row = new int[rows.getElementEndIndex(first + r) - from];
      for (int k = 0; k < row.length; k++) {
        row[k] = values.get(from + k);
      }
      out[r] = row;
    }
    return out;
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
