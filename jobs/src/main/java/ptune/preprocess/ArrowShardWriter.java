package ptune.preprocess;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.impl.UnionListWriter;
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Writes features as one Apache Arrow IPC file (a shard) in record batches: what a trainer can
 * memory-map without Spark. Columns: split, id, label, input_ids, token_type_ids, attention_mask.
 */
final class ArrowShardWriter {

  private static final int BATCH_ROWS = 512;

  private ArrowShardWriter() {}

  static Schema schema() {
    FieldType ints = FieldType.nullable(new ArrowType.Int(32, true));
    return new Schema(List.of(
        Field.nullable("split", ArrowType.Utf8.INSTANCE),
        Field.nullable("id", ArrowType.Utf8.INSTANCE),
        Field.nullable("label", new ArrowType.Int(32, true)),
        intList("input_ids", ints), intList("token_type_ids", ints), intList("attention_mask", ints)));
  }

  private static Field intList(String name, FieldType element) {
    return new Field(name, FieldType.nullable(ArrowType.List.INSTANCE), List.of(new Field("element", element, null)));
  }

  /** Writes {@code rows} (split, features) to {@code out}; returns the number of rows. */
  static long write(Iterator<SplitFeatures> rows, OutputStream out) throws IOException {
    long count = 0;
    try (BufferAllocator allocator = new RootAllocator();
        VectorSchemaRoot root = VectorSchemaRoot.create(schema(), allocator);
        ArrowFileWriter writer = new ArrowFileWriter(root, null, Channels.newChannel(out))) {
      writer.start();
      while (rows.hasNext()) {
        int n = 0;
        root.allocateNew();
        UnionListWriter[] lists = {
          ((ListVector) root.getVector("input_ids")).getWriter(),
          ((ListVector) root.getVector("token_type_ids")).getWriter(),
          ((ListVector) root.getVector("attention_mask")).getWriter()
        };
        while (rows.hasNext() && n < BATCH_ROWS) {
          SplitFeatures r = rows.next();
          ((VarCharVector) root.getVector("split")).setSafe(n, r.split().getBytes(StandardCharsets.UTF_8));
          ((VarCharVector) root.getVector("id")).setSafe(n, r.features().id().getBytes(StandardCharsets.UTF_8));
          ((IntVector) root.getVector("label")).setSafe(n, r.features().label());
          int[][] values = {r.features().inputIds(), r.features().tokenTypeIds(), r.features().attentionMask()};
          for (int c = 0; c < lists.length; c++) {
            lists[c].setPosition(n);
            lists[c].startList();
            for (int v : values[c]) {
              lists[c].writeInt(v);
            }
            lists[c].endList();
          }
          n++;
        }
        for (UnionListWriter w : lists) {
          w.setValueCount(n);
        }
        root.setRowCount(n);
        writer.writeBatch();
        count += n;
      }
      writer.end();
    }
    return count;
  }

  record SplitFeatures(String split, FeatureRow features) {}
}
