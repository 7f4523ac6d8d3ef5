package ptune.predict;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import ptune.dataset.DatasetFormatException;
import ptune.dataset.Example;
import ptune.dataset.LineRecords;
import ptune.dataset.ReadOptions;
import ptune.dataset.RecordProblem;
import ptune.dataset.SentencePairExample;
import ptune.dataset.SpanExtractionExample;
import ptune.dataset.Task;
import ptune.tasks.TaskDefinition;
import ptune.dataset.TextFile;
import ptune.dataset.TokenTaggingExample;

/**
 * The examples of an input file in a task's format as rows of {@link #SCHEMA}. Line formats (JSON
 * Lines, GLUE TSV) are parsed on the executors, line by line; multi-line formats (CoNLL) on the
 * driver. Malformed records fail before any model loads, each named by file, line and field.
 */
final class PredictionInput {

  /**
   * {@code text_b} is null for single sentences; {@code words} is set for tagging only; QA puts
   * the question in {@code text_a} and the context in {@code text_b}.
   */
  static final StructType SCHEMA = new StructType()
      .add("id", DataTypes.StringType, false)
      .add("text_a", DataTypes.StringType, true)
      .add("text_b", DataTypes.StringType, true)
      .add("words", DataTypes.createArrayType(DataTypes.StringType, false), true);

  private static final StructType PARSED = SCHEMA.add("error", DataTypes.StringType, true);
  private static final int ERRORS_SHOWN = 5;

  private PredictionInput() {}

  /** @param partitions at least this many partitions */
  static Dataset<Row> read(SparkSession spark, TaskDefinition definition, String input, int partitions)
      throws IOException {
    Task task = definition.task();
    Dataset<Row> parsed = task.reader() instanceof LineRecords records
        ? parseOnExecutors(spark, definition, records.headerLines(), input, partitions)
        : parseOnDriver(spark, task, input, partitions);
    List<String> errors = parsed.filter(functions.col("error").isNotNull()).select("error")
        .limit(ERRORS_SHOWN).as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
    if (!errors.isEmpty()) {
      throw new DatasetFormatException(String.join("\n", errors));
    }
    return parsed.drop("error");
  }

  private static Dataset<Row> parseOnExecutors(SparkSession spark, TaskDefinition definition,
      int headerLines, String input, int partitions) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    JavaRDD<String> lines = jsc.textFile(input, partitions);
    List<String> header = new ArrayList<>(lines.take(headerLines));
    if (header.size() < headerLines) {
      throw new DatasetFormatException(input, "line", header.size() + 1, null,
          "expected " + headerLines + " header line(s)");
    }
    if (!header.isEmpty()) {
      header.set(0, TextFile.withoutByteOrderMark(header.get(0)));
    }
    JavaRDD<Row> rows = lines.zipWithIndex()
        .filter(line -> line._2() >= headerLines)
        .flatMap(line -> {
          String text = line._2() == 0 ? TextFile.withoutByteOrderMark(line._1()) : line._1();
          LineRecords records = (LineRecords) definition.task().reader();
          try {
            return records.parse(header, line._2() - headerLines, text).stream()
                .map(PredictionInput::row).iterator();
          } catch (RecordProblem problem) {
            String message = new DatasetFormatException(input, "line", line._2() + 1,
                problem.field(), problem.getMessage()).getMessage();
            return List.of(RowFactory.create("", null, null, null, message)).iterator();
          }
        });
    return spark.createDataFrame(rows, PARSED);
  }

  private static Dataset<Row> parseOnDriver(SparkSession spark, Task task, String input,
      int partitions) throws IOException {
    List<Example> examples = task.reader().read(
        HadoopInput.local(input, "input file", spark.sparkContext().hadoopConfiguration()),
        ReadOptions.STRICT).examples();
    List<Row> rows = examples.stream().map(PredictionInput::row).toList();
    return spark.createDataFrame(rows, PARSED).repartition(partitions);
  }

  private static Row row(Example e) {
    if (e instanceof TokenTaggingExample tagged) {
      return RowFactory.create(e.id(), null, null, tagged.words().toArray(new String[0]), null);
    }
    if (e instanceof SentencePairExample pair) {
      return RowFactory.create(e.id(), pair.textA(), pair.textB(), null, null);
    }
    if (e instanceof SpanExtractionExample question) {
      return RowFactory.create(e.id(), question.question(), question.context(), null, null);
    }
    throw new IllegalArgumentException("example " + e.id() + " is a "
        + e.getClass().getSimpleName() + ": predict reads classification, tagging and QA examples");
  }
}
