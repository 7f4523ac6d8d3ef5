package ptune.preprocess;

import static org.apache.spark.sql.functions.input_file_name;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import ptune.dataset.DataDirectory;

/**
 * The Spark ML stage with the real encoder (CB's record parser + minilm-l6's tokenizer) on the real
 * CB dev file: one feature row per record, labels as in the file, [CLS] ... [SEP] ids.
 */
class FeatureTransformerTest {
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
  void tokenizesCbDevOnTheExecutors() {
    Path dev = DataDirectory.resolve().resolve("superglue/CB/val.jsonl");
    Dataset<Row> lines = spark.read().text(dev.toString()).withColumn("file", input_file_name());
    Dataset<Row> features =
        new FeatureTransformer(new BackboneFeatureEncoder(), "minilm-l6", 128, "cb").transform(lines);

    List<Row> rows = features.collectAsList();
    assertEquals(56, rows.size());
    Map<Integer, Long> labels =
        rows.stream().collect(Collectors.groupingBy(r -> r.getInt(2), Collectors.counting()));
    // CB labels in task order: entailment, contradiction, neutral (dev: 23 / 28 / 5)
    assertEquals(Map.of(0, 23L, 1, 28L, 2, 5L), labels);
    for (Row r : rows) {
      List<Integer> ids = r.getList(3);
      assertEquals("val", r.getString(0));
      assertEquals(101, ids.get(0));
      assertEquals(102, ids.get(ids.size() - 1));
      assertTrue(ids.size() <= 128);
      assertEquals(ids.size(), r.getList(5).size());
    }
  }

  @Test
  void missingInputColumnIsAClearError() {
    Dataset<Row> noFile = spark.read().text(DataDirectory.resolve()
        .resolve("superglue/CB/val.jsonl").toString());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
        new FeatureTransformer(new BackboneFeatureEncoder(), "minilm-l6", 128, "cb")
            .transform(noFile));
    assertTrue(e.getMessage().contains("'file'"), e.getMessage());
  }
}
