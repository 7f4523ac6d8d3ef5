package ptune.preprocess;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.functions;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.CollectionAccumulator;
import ptune.dataset.DatasetFormatException;
import ptune.dataset.RecordProblem;
import ptune.dataset.Split;
import ptune.featurestore.ExampleColumns;
import ptune.featurestore.FeatureSetKey;
import ptune.featurestore.StoredExample;
import scala.collection.Seq;
import scala.collection.JavaConverters;

/**
 * Spark ML stage that tokenizes raw records on the executors, in the shape of DJL's Spark extension
 * (a {@link Transformer} over a text column). Input columns: {@code value} (one raw line),
 * {@code split}, {@code file}, {@code line} (1-based, for error messages) and {@code header} (the
 * file's header lines, which GLUE's records need; empty for JSON Lines).
 * Output: one row per example, schema {@link #SCHEMA}. The {@link FeatureEncoder} does the task
 * template and the tokenizer; a malformed record fails the job naming file, line and field, or
 * with skipping on is left out and its message collected.
 */
public final class FeatureTransformer extends Transformer {

  private static final DataType INTS = DataTypes.createArrayType(DataTypes.IntegerType);
  private static final DataType ROWS_OF_INTS = DataTypes.createArrayType(INTS);

  /** The columns of the Arrow shards ({@link ptune.featurestore.FeatureShard} says what each holds). */
  public static final StructType SCHEMA = new StructType()
      .add("split", DataTypes.StringType)
      .add("id", DataTypes.StringType)
      .add("source_hash", DataTypes.LongType)
      .add("label", DataTypes.FloatType)
      .add("input_ids", ROWS_OF_INTS)
      .add("token_type_ids", ROWS_OF_INTS)
      .add("alignment", DataTypes.StringType)
      .add("targets", ROWS_OF_INTS)
      .add("word_first_tokens", INTS)
      .add("context_starts", ROWS_OF_INTS)
      .add("context_ends", ROWS_OF_INTS);

  private static final List<String> INPUT_COLUMNS = List.of("value", "split", "file", "line", "header");

  private final String uid;
  private final FeatureEncoder encoder;
  private final FeatureSetKey key;
  private final CollectionAccumulator<String> skipped;

  /** Strict: a malformed record fails the job. */
  public FeatureTransformer(FeatureEncoder encoder, FeatureSetKey key) {
    this(Identifiable$.MODULE$.randomUID("ptuneFeatures"), encoder, key, null);
  }

  /**
   * As the trials' {@code skip_bad_records: true}: a malformed record gives no row, and its
   * message (file, line, field) goes to {@code skipped}.
   */
  public FeatureTransformer(FeatureEncoder encoder, FeatureSetKey key, CollectionAccumulator<String> skipped) {
    this(Identifiable$.MODULE$.randomUID("ptuneFeatures"), encoder, key, skipped);
  }

  private FeatureTransformer(String uid, FeatureEncoder encoder, FeatureSetKey key,
      CollectionAccumulator<String> skipped) {
    this.uid = uid;
    this.encoder = encoder;
    this.key = key;
    this.skipped = skipped;
  }

  @Override
  public Dataset<Row> transform(Dataset<?> lines) {
    transformSchema(lines.schema());
    FeatureEncoder encoder = this.encoder;
    FeatureSetKey key = this.key;
    CollectionAccumulator<String> skipped = this.skipped;
    JavaRDD<Row> rows = lines.toDF().select(INPUT_COLUMNS.stream()
        .map(functions::col).toArray(Column[]::new))
        .toJavaRDD().flatMap(line -> {
          List<String> header = line.getList(4);
          List<StoredExample> examples;
          try {
            examples = encoder.encode(key, Split.parse(line.getString(1)), header,
                line.getLong(3) - 1 - header.size(), line.getString(0));
          } catch (RecordProblem problem) {
            DatasetFormatException bad = new DatasetFormatException(line.getString(2), "line", line.getLong(3),
                problem.field(), problem.getMessage());
            if (skipped == null) {
              throw bad;
            }
            skipped.add(bad.getMessage());
            return Collections.<Row>emptyIterator();
          }
          return rows(examples).iterator();
        });
    return lines.sparkSession().createDataFrame(rows, SCHEMA);
  }

  @Override
  public StructType transformSchema(StructType schema) {
    for (String column : INPUT_COLUMNS) {
      if (!Arrays.asList(schema.fieldNames()).contains(column)) {
        throw new IllegalArgumentException("feature transformer " + uid + ": input has no column '"
            + column + "' (" + schema.simpleString() + ")");
      }
    }
    return SCHEMA;
  }

  @Override
  public FeatureTransformer copy(ParamMap extra) {
    return new FeatureTransformer(uid, encoder, key, skipped);
  }

  @Override
  public String uid() {
    return uid;
  }

  /** Rows of {@link #SCHEMA}. */
  static List<Row> rows(List<StoredExample> examples) {
    List<Row> out = new ArrayList<>(examples.size());
    for (StoredExample e : examples) {
      ExampleColumns c = ExampleColumns.of(e.rows());
      out.add(RowFactory.create(e.split(), e.id(), e.sourceHash(), c.label(), boxed(c.inputIds()),
          boxed(c.tokenTypeIds()), c.alignment(), boxed(c.targets()),
          Arrays.stream(c.wordFirstTokens()).boxed().toArray(Integer[]::new), boxed(c.contextStarts()),
          boxed(c.contextEnds())));
    }
    return out;
  }

  /** The stored example back from a row of {@link #SCHEMA}. */
  static StoredExample storedExample(Row r) {
    int[] wordFirstTokens = r.<Integer>getList(8).stream().mapToInt(Integer::intValue).toArray();
    return new StoredExample(r.getString(0), r.getString(1), r.getLong(2), new ExampleColumns(r.getString(6),
        r.getFloat(3), unboxed(r.getList(4)), unboxed(r.getList(5)), unboxed(r.getList(7)), wordFirstTokens,
        unboxed(r.getList(9)), unboxed(r.getList(10))).rows());
  }

  /** Spark's row encoder takes arrays (or Scala sequences), not java.util.List, for array columns. */
  private static Integer[][] boxed(int[][] rows) {
    return Arrays.stream(rows).map(r -> Arrays.stream(r).boxed().toArray(Integer[]::new))
        .toArray(Integer[][]::new);
  }

  private static int[][] unboxed(List<Object> rows) {
    int[][] out = new int[rows.size()][];
    for (int i = 0; i < out.length; i++) {
      Object row = rows.get(i);
      List<?> values = row instanceof Seq<?> seq ? JavaConverters.seqAsJavaList(seq) : (List<?>) row;
      out[i] = values.stream().mapToInt(v -> (Integer) v).toArray();
    }
    return out;
  }
}
