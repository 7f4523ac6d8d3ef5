package ptune.featurestore;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
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
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import ptune.encoding.ExampleRows;
import ptune.trainer.EncodedExample;

/**
 * One Apache Arrow IPC file of stored examples, written in record batches of {@value #BATCH_ROWS}
 * examples and read one batch at a time from a seekable channel (a shard on HDFS is streamed, not
 * read whole into memory). One Arrow row per example. Columns:
 * <ul>
 *   <li>{@code split}, {@code id}, {@code source_hash} (int64);
 *   <li>{@code alignment}: {@code whole} (classification, regression, multiple choice),
 *       {@code words} (a tagged sentence) or {@code context} (QA windows), which says how to read
 *       the rest;
 *   <li>{@code input_ids}, {@code token_type_ids} (list of rows of int32): a whole example's rows
 *       (one per choice for multiple choice), a sentence's one row, or one row per QA window;
 *   <li>{@code label} (float32): a whole example's class index, score or right choice, NaN otherwise;
 *   <li>{@code targets} (list of rows of int32): per row, a sentence's label per token or a
 *       window's answer [start, end]; empty for whole examples;
 *   <li>{@code word_first_tokens} (list of int32): a sentence's input position of each word's first
 *       sub-token ({@code Alignment.Words});
 *   <li>{@code context_starts}, {@code context_ends} (list of rows of int32): per window, per token,
 *       its character span in the context ({@code Alignment.Context}).
 * </ul>
 * The schema metadata {@code ptune.fingerprint} identifies the encoder that wrote it, so a reader
 * can refuse features of another tokenizer. {@link ExampleColumns} maps an example to these columns. Shards written before tagging and QA were stored have
 * only the whole-example columns; they read as whole examples.
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
        Field.nullable("label", new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE)),
        rowsOfInts("input_ids"), rowsOfInts("token_type_ids"),
        Field.nullable("alignment", ArrowType.Utf8.INSTANCE),
        rowsOfInts("targets"), ints("word_first_tokens"),
        rowsOfInts("context_starts"), rowsOfInts("context_ends")),
        Map.of(FINGERPRINT_KEY, fingerprint));
  }

  private static Field ints(String name) {
    Field item = new Field("item", FieldType.nullable(new ArrowType.Int(32, true)), null);
    return new Field(name, FieldType.nullable(ArrowType.List.INSTANCE), List.of(item));
  }

  private static Field rowsOfInts(String name) {
    Field row = ints("row");
    return new Field(name, FieldType.nullable(ArrowType.List.INSTANCE), List.of(row));
  }

  /** Writes {@code rows} as one shard; returns the number of examples. */
  public static long write(Iterator<StoredExample> rows, String fingerprint, OutputStream out)
      throws IOException {
    long count = 0;
    try (BufferAllocator allocator = new RootAllocator();
        VectorSchemaRoot root = VectorSchemaRoot.create(schema(fingerprint), allocator);
        ArrowFileWriter writer = new ArrowFileWriter(root, null, Channels.newChannel(out))) {
      writer.start();
      String[] listColumns = {"input_ids", "token_type_ids", "targets", "word_first_tokens", "context_starts",
          "context_ends"};
      while (rows.hasNext()) {
        root.allocateNew();
        UnionListWriter ids = writer(root, "input_ids");
        UnionListWriter types = writer(root, "token_type_ids");
        UnionListWriter targets = writer(root, "targets");
        UnionListWriter firstTokens = writer(root, "word_first_tokens");
        UnionListWriter starts = writer(root, "context_starts");
        UnionListWriter ends = writer(root, "context_ends");
        int n = 0;
        for (; rows.hasNext() && n < BATCH_ROWS; n++) {
          StoredExample r = rows.next();
          ExampleColumns c = ExampleColumns.of(r.rows());
          ((VarCharVector) root.getVector("split")).setSafe(n, utf8(r.split()));
          ((VarCharVector) root.getVector("id")).setSafe(n, utf8(r.id()));
          ((BigIntVector) root.getVector("source_hash")).setSafe(n, r.sourceHash());
          ((Float4Vector) root.getVector("label")).setSafe(n, c.label());
          ((VarCharVector) root.getVector("alignment")).setSafe(n, utf8(c.alignment()));
          writeRows(ids, n, c.inputIds());
          writeRows(types, n, c.tokenTypeIds());
          writeRows(targets, n, c.targets());
          writeInts(firstTokens, n, c.wordFirstTokens());
          writeRows(starts, n, c.contextStarts());
          writeRows(ends, n, c.contextEnds());
        }
        for (String column : listColumns) {
          root.getVector(column).setValueCount(n);
        }
        root.setRowCount(n);
        writer.writeBatch();
        count += n;
      }
      writer.end();
    }
    return count;
  }

  private static UnionListWriter writer(VectorSchemaRoot root, String column) {
    return ((ListVector) root.getVector(column)).getWriter();
  }

  /** Reads a whole shard; {@code name} (its path) only names it in errors. */
  public static Contents read(SeekableByteChannel in, String name) throws IOException {
    return read(in, name, WantedExamples.ALL);
  }

  /**
   * Reads the rows of a shard that {@code keep} accepts (by split and id), one record batch at a
   * time, decoding the token ids of those rows only: a trial on a subsample of a large task holds
   * just its own examples.
   */
  public static Contents read(SeekableByteChannel in, String name, WantedExamples keep)
      throws IOException {
    List<StoredExample> rows = new ArrayList<>();
    try (BufferAllocator allocator = new RootAllocator();
        ArrowFileReader reader = new ArrowFileReader(in, allocator)) {
      VectorSchemaRoot root = reader.getVectorSchemaRoot();
      Schema schema = root.getSchema();
      String fingerprint = schema.getCustomMetadata().get(FINGERPRINT_KEY);
      if (fingerprint == null || schema.findField("source_hash") == null) {
        throw new IOException(name + ": not a ptune feature shard (no " + FINGERPRINT_KEY
            + " metadata or source_hash column); rerun preprocess");
      }
      boolean aligned = schema.getFields().stream().anyMatch(f -> f.getName().equals("alignment"));
      for (ArrowBlock block : reader.getRecordBlocks()) {
        reader.loadRecordBatch(block);
        VarCharVector split = (VarCharVector) root.getVector("split");
        VarCharVector id = (VarCharVector) root.getVector("id");
        BigIntVector hash = (BigIntVector) root.getVector("source_hash");
        for (int i = 0; i < root.getRowCount(); i++) {
          String rowSplit = new String(split.get(i), StandardCharsets.UTF_8);
          String rowId = new String(id.get(i), StandardCharsets.UTF_8);
          if (keep.wants(rowSplit, rowId)) {
            rows.add(new StoredExample(rowSplit, rowId, hash.get(i), exampleRows(root, i, aligned)));
          }
        }
      }
      return new Contents(fingerprint, rows);
    }
  }

  private static ExampleRows exampleRows(VectorSchemaRoot root, int i, boolean aligned) {
    int[][] ids = readRows((ListVector) root.getVector("input_ids"), i);
    int[][] types = readRows((ListVector) root.getVector("token_type_ids"), i);
    float label = ((Float4Vector) root.getVector("label")).get(i);
    if (!aligned) {
      return ExampleRows.whole(new EncodedExample(ids, types, label));
    }
    return new ExampleColumns(new String(((VarCharVector) root.getVector("alignment")).get(i), StandardCharsets.UTF_8),
        label, ids, types, readRows((ListVector) root.getVector("targets"), i),
        readInts((ListVector) root.getVector("word_first_tokens"), i),
        readRows((ListVector) root.getVector("context_starts"), i),
        readRows((ListVector) root.getVector("context_ends"), i)).rows();
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

  private static void writeInts(UnionListWriter writer, int index, int[] values) {
    writer.setPosition(index);
    writer.startList();
    for (int v : values) {
      writer.integer().writeInt(v);
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
      out[r] = ints(values, rows.getElementStartIndex(first + r), rows.getElementEndIndex(first + r));
    }
    return out;
  }

  private static int[] readInts(ListVector column, int index) {
    return ints((IntVector) column.getDataVector(), column.getElementStartIndex(index),
        column.getElementEndIndex(index));
  }

  private static int[] ints(IntVector values, int from, int to) {
    int[] out = new int[to - from];
    for (int k = 0; k < out.length; k++) {
      out[k] = values.get(from + k);
    }
    return out;
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
