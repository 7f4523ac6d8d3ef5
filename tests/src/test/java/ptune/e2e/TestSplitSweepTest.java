package ptune.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ptune.cli.Ptune;
import ptune.dataset.DataDirectory;

/**
 * A real sweep (minilm-l6, PT-2, one epoch, small samples) on CoNLL-2003, whose test split is
 * labelled, and CB, whose test labels are hidden: the CoNLL-2003 row carries test metrics at the
 * best dev epoch, CB's none, and the tables report CoNLL-2003 test in selected-on-dev-test while
 * selected-on-dev stays dev, each header naming its split. About 20 s on two busy cores.
 */
class TestSplitSweepTest {

  @Test
  void labelledTestSplitsAreScoredAtTheBestDevEpochAndTabled(@TempDir Path tmp) throws Exception {
    Path config = tmp.resolve("test-split.yaml");
    Files.writeString(config, """
        name: test-split
        runner: ptune.trial.PromptTuningTrialRunner
        data_dir: %s
        backbones: [minilm-l6]
        methods: [pt2]
        tasks: [conll03, cb]
        seeds: [11]
        grid:
          epochs: 1
          batch_size: 16
          max_len: 64
          lr: 3.0e-2
          prefix_len: 8
          max_train_examples: 64
          max_dev_examples: 48
          max_test_examples: 48
        """.formatted(DataDirectory.resolve()));
    Path out = tmp.resolve("runs");
    assertEquals(0, Ptune.run(new String[] {"run", config.toString(), "--out", out.toString()}));
    Path sweep = out.resolve("test-split");

    SparkSession spark = SparkSession.builder().master("local[2]")
        .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1").getOrCreate();
    ObjectMapper json = new ObjectMapper();
    try {
      spark.read().parquet(sweep.resolve("trials/trials.parquet").toString()).createOrReplaceTempView("trials");
      List<Row> rows = spark.sql("SELECT task, status, error, test_score, test_metrics_json, epochs_json "
          + "FROM trials ORDER BY task").collectAsList();
      assertEquals(2, rows.size());
      Row cb = rows.get(0);
      Row conll = rows.get(1);
      assertEquals("COMPLETED", conll.getString(1), conll.getString(2));
      assertNotNull(conll.get(3), "CoNLL-2003 test score");
      JsonNode test = json.readTree(conll.getString(4));
      assertEquals(conll.getDouble(3), test.get("f1").asDouble(), 1e-12);
      assertTrue(test.has("precision") && test.has("recall"), test.toString());
      JsonNode epoch = json.readTree(conll.getString(5)).get(0);
      assertEquals(test, epoch.get("testMetrics"), "epoch 1 improves dev: its test metrics are the result's");

      assertEquals("COMPLETED", cb.getString(1), cb.getString(2));
      assertNull(cb.get(3), "CB test labels are hidden");
      assertEquals("{}", cb.getString(4));
    } finally {
      spark.stop();
    }
    String devTable = Files.readString(sweep.resolve("tables/selected-on-dev.md"));
    assertTrue(devTable.contains("CB (accuracy, dev)") && devTable.contains("CONLL03 (f1, dev)"), devTable);
    String testTable = Files.readString(sweep.resolve("tables/selected-on-dev-test.md"));
    assertTrue(testTable.contains("CONLL03 (f1, test)"), testTable);
    assertFalse(testTable.contains("CB ("), "CB has no test column: " + testTable);
  }
}
