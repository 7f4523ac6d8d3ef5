package ptune.preprocess;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ptune.backbone.BackboneCache;
import ptune.dataset.DataDirectory;
import ptune.dataset.Example;
import ptune.dataset.LineRecords;
import ptune.dataset.Split;
import ptune.dataset.Task;
import ptune.tasks.TaskRegistry;
import ptune.dataset.TextFile;
import ptune.featurestore.FeatureSetKey;
import ptune.featurestore.StoredExample;
import ptune.trainer.EncodedExample;
import ptune.trial.ExampleFeatures;

/**
 * The Spark ML stage with the real encoder (the task's record parser + minilm-l6's tokenizer) on
 * real SuperGLUE and GLUE files: on the executors it makes exactly the rows a trial makes by tokenizing the
 * same examples, one row per example (several per MultiRC record), and a broken record fails naming
 * file, line and field.
 */
class FeatureTransformerTest {
  private static final StructType LINES = new StructType()
      .add("value", DataTypes.StringType).add("split", DataTypes.StringType)
      .add("file", DataTypes.StringType).add("line", DataTypes.LongType)
      .add("header", DataTypes.createArrayType(DataTypes.StringType));

  static SparkSession spark;

  @BeforeAll
  static void start() {
    spark = SparkSession.builder().master("local[2]").config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
        .getOrCreate();
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  @Test
  void storesTheRowsATrialWouldTokenize() throws Exception {
    // JSON Lines with one, many (MultiRC) and multiple-choice examples per record; GLUE TSV with
    // a header, a byte-order mark and an id column (MRPC), a header and line-number ids (SST-2), no
    // header (CoLA)
    for (String taskName : List.of("cb", "multirc", "copa", "mrpc", "sst2", "cola")) {
      Task task = TaskRegistry.get(taskName);
      FeatureSetKey key = new FeatureSetKey(taskName, "minilm-l6", 128, FeatureSetKey.CLASSIFIER);
      Path dev = DataDirectory.resolve().resolve(task.files().get(Split.DEV).get(0));
      int headerLines = ((LineRecords) task.reader()).headerLines();
      // the lines as preprocessing hands them over: first line without byte-order mark (MRPC has one)
      List<Row> rows = new FeatureTransformer(new BackboneFeatureEncoder(), key)
          .transform(lines(TextFile.readLines(dev), dev.toString(), headerLines)).collectAsList();

      List<Example> examples = task.load(Split.DEV, DataDirectory.resolve()).examples();
      Map<String, StoredExample> byId = ExampleFeatures.encode(key, BackboneCache.get("minilm-l6"), task,
          Split.DEV, examples).stream().collect(Collectors.toMap(StoredExample::id, Function.identity()));
      assertEquals(examples.size(), rows.size(), taskName + ": one row per example");
      for (Row r : rows) {
        StoredExample stored = FeatureTransformer.storedExample(r);
        StoredExample expected = byId.get(stored.id());
        assertEquals("dev", stored.split());
        assertEquals(expected.sourceHash(), stored.sourceHash(), stored.id());
        assertEquals(only(expected).label(), only(stored).label(), stored.id());
        assertArrayEquals(only(expected).inputIds(), only(stored).inputIds(), stored.id());
        assertArrayEquals(only(expected).tokenTypeIds(), only(stored).tokenTypeIds(), stored.id());
      }
    }
  }

  @Test
  void cbDevLabelsAsInTheFile() {
    Path dev = DataDirectory.resolve().resolve("superglue/CB/val.jsonl");
    FeatureSetKey key = new FeatureSetKey("cb", "minilm-l6", 128, FeatureSetKey.CLASSIFIER);
    List<Row> rows = new FeatureTransformer(new BackboneFeatureEncoder(), key)
        .transform(lines(TextFile.readLines(dev), dev.toString(), 0)).collectAsList();
    // CB labels in task order: entailment, contradiction, neutral (dev: 23 / 28 / 5)
    Map<Float, Long> labels = rows.stream().collect(Collectors.groupingBy(r -> r.getFloat(3), Collectors.counting()));
    assertEquals(Map.of(0f, 23L, 1f, 28L, 2f, 5L), labels);
    for (Row r : rows) {
      int[] ids = only(FeatureTransformer.storedExample(r)).inputIds()[0];
      assertEquals(101, ids[0]);
      assertEquals(102, ids[ids.length - 1]);
      assertTrue(ids.length <= 128);
    }
  }

  @Test
  void brokenRecordNamesFileLineAndField(@TempDir Path tmp) throws Exception {
    List<String> records = new ArrayList<>(TextFile.readLines(DataDirectory.resolve().resolve("superglue/CB/val.jsonl")));
    records.set(2, records.get(2).replace("\"premise\"", "\"premiss\""));
    FeatureSetKey key = new FeatureSetKey("cb", "minilm-l6", 128, FeatureSetKey.CLASSIFIER);
    Exception e = assertThrows(Exception.class, () -> new FeatureTransformer(new BackboneFeatureEncoder(), key)
        .transform(lines(records, "hdfs://nn/raw/superglue/CB/val.jsonl", 0)).collectAsList());
    String message = rootMessage(e);
    assertTrue(message.contains("hdfs://nn/raw/superglue/CB/val.jsonl, line 3, field 'premise'"), message);
  }

  @Test
  void missingInputColumnIsAClearError() {
    Dataset<Row> noFile = spark.read().text(DataDirectory.resolve().resolve("superglue/CB/val.jsonl").toString());
    FeatureSetKey key = new FeatureSetKey("cb", "minilm-l6", 128, FeatureSetKey.CLASSIFIER);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
        new FeatureTransformer(new BackboneFeatureEncoder(), key).transform(noFile));
    assertTrue(e.getMessage().contains("'split'"), e.getMessage());
  }

  private static EncodedExample only(StoredExample e) {
    assertEquals(1, e.rows().rows().size(), e.id());
    return e.rows().rows().get(0);
  }

  /** The input rows preprocessing makes of a dev file whose first {@code headerLines} are a header. */
  private static Dataset<Row> lines(List<String> lines, String file, int headerLines) {
    String[] header = lines.subList(0, headerLines).toArray(String[]::new);
    List<Row> rows = new ArrayList<>();
    for (int i = headerLines; i < lines.size(); i++) {
      rows.add(RowFactory.create(lines.get(i), "dev", file, (long) i + 1, header));
    }
    return spark.createDataFrame(rows, LINES).repartition(2);
  }

  private static String rootMessage(Throwable e) {
    StringBuilder all = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      all.append(t.getMessage()).append('\n');
    }
    return all.toString();
  }
}
