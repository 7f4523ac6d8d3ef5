package ptune.preprocess;

import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Spark ML stage that tokenizes raw records on the executors, in the shape of DJL's Spark extension
 * (a {@link Transformer} over a text column): input columns {@code value} (one raw JSON line) and
 * {@code file} (its path, whose name gives the split); output one row of features per record,
 * schema {@link #SCHEMA}. The {@link FeatureEncoder} does the task template and the tokenizer.
 */
public final class FeatureTransformer extends Transformer {

  public static final StructType SCHEMA = new StructType()
      .add("split", DataTypes.StringType)
      .add("id", DataTypes.StringType)
      .add("label", DataTypes.IntegerType)
      .add("input_ids", DataTypes.createArrayType(DataTypes.IntegerType))
      .add("token_type_ids", DataTypes.createArrayType(DataTypes.IntegerType))
      .add("attention_mask", DataTypes.createArrayType(DataTypes.IntegerType));

  private final String uid;
  private final FeatureEncoder encoder;
  private final String backbone;
  private final int maxLength;
  private final String task;

  public FeatureTransformer(FeatureEncoder encoder, String backbone, int maxLength, String task) {
    this(Identifiable$.MODULE$.randomUID("ptuneFeatures"), encoder, backbone, maxLength, task);
  }

  private FeatureTransformer(String uid, FeatureEncoder encoder, String backbone, int maxLength,
      String task) {
    this.uid = uid;
    this.encoder = encoder;
    this.backbone = backbone;
    this.maxLength = maxLength;
    this.task = task;
  }

  @Override
  public Dataset<Row> transform(Dataset<?> lines) {
    transformSchema(lines.schema());
    FeatureEncoder encoder = this.encoder;
    String backbone = this.backbone;
    int maxLength = this.maxLength;
    String task = this.task;
    JavaRDD<Row> rows = lines.toDF().select("value", "file").toJavaRDD().flatMap(line -> {
      String file = line.getString(1);
      String split = file.substring(file.lastIndexOf('/') + 1).replace(".jsonl", "");
      String raw = line.getString(0);
      FeatureRow f = raw.isBlank() ? null : encoder.encode(backbone, maxLength, task, split, raw);
      return f == null ? List.<Row>of().iterator()
          : List.of(RowFactory.create(split, f.id(), f.label(), boxed(f.inputIds()),
              boxed(f.tokenTypeIds()), boxed(f.attentionMask()))).iterator();
    });
    return lines.sparkSession().createDataFrame(rows, SCHEMA);
  }

  @Override
  public StructType transformSchema(StructType schema) {
    for (String column : new String[] {"value", "file"}) {
      if (!Arrays.asList(schema.fieldNames()).contains(column)) {
        throw new IllegalArgumentException(
            "feature transformer " + uid + ": input has no column '" + column + "' (" + schema.simpleString() + ")");
      }
    }
    return SCHEMA;
  }

  @Override
  public FeatureTransformer copy(ParamMap extra) {
    return new FeatureTransformer(uid, encoder, backbone, maxLength, task);
  }

  @Override
  public String uid() {
    return uid;
  }

  /** Spark's row encoder takes arrays (or Scala sequences), not java.util.List, for array columns. */
  private static Integer[] boxed(int[] values) {
    return Arrays.stream(values).boxed().toArray(Integer[]::new);
  }
}
