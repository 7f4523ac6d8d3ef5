package ptune.preprocess;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ptune.backbone.Backbone;
import ptune.backbone.BackboneCache;
import ptune.dataset.DataDirectory;
import ptune.dataset.Example;
import ptune.dataset.Split;
import ptune.dataset.Task;
import ptune.tasks.TaskRegistry;
import ptune.featurestore.FeatureSetKey;
import ptune.featurestore.StoredExample;
import ptune.featurestore.StoredFeatureSet;
import ptune.results.SweepLayout;
import ptune.sweep.GridExpander;
import ptune.sweep.SweepConfig;
import ptune.sweep.SweepConfigReader;
import ptune.trial.ExampleFeatures;
import ptune.trial.TrialSpec;

/**
 * The preprocess job on real files (SuperGLUE CB as JSON Lines, GLUE MRPC as TSV with a header and a
 * byte-order mark): the Arrow shards it writes, read back the way trials read them, hold for every
 * train and dev example exactly the rows and content hash the trial's own encoder gives; NER is
 * skipped with its reason; a rerun with unchanged inputs reuses the sets.
 */
class FeaturePreprocessorTest {
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
  void shardsHoldTheRowsTrialsWouldTokenize(@TempDir Path tmp) throws Exception {
    SweepConfig config = SweepConfigReader.parse(new ByteArrayInputStream(("""
        name: pp
        data_dir: "%s"
        backbones: [minilm-l6]
        methods: [pt2]
        tasks: [cb, mrpc, conll03]
        seeds: [1]
        grid: {max_len: 64}
        preprocess: {encoder: ptune.preprocess.BackboneFeatureEncoder}
        """.formatted(DataDirectory.resolve())).getBytes(StandardCharsets.UTF_8)), "pp.yaml");
    SweepLayout layout = SweepLayout.of(tmp.toString(), "pp");
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    FeaturePreprocessor preprocessor = new FeaturePreprocessor(spark, new PrintStream(console, true));

    List<TrialSpec> trials = GridExpander.expand(config);
    List<FeaturePreprocessor.FeatureSet> sets = preprocessor.run(trials, config.preprocessInput(), layout,
        new BackboneFeatureEncoder(), false);
    assertEquals(3, sets.size());
    assertTrue(sets.get(0).built() && sets.get(1).built(), console.toString());
    assertEquals("TOKEN_CLASSIFICATION task without one record per line", sets.get(2).skipped());

    Backbone backbone = BackboneCache.get("minilm-l6");
    HadoopFeatureSource source = new HadoopFeatureSource(layout.features());
    for (String taskName : List.of("cb", "mrpc")) {
      Task task = TaskRegistry.get(taskName);
      FeatureSetKey key = new FeatureSetKey(taskName, "minilm-l6", 64, FeatureSetKey.CLASSIFIER);
      StoredFeatureSet stored = StoredFeatureSet.load(source, key);
      assertNotNull(stored, taskName);
      assertEquals(ExampleFeatures.fingerprint(key, backbone), stored.fingerprint());
      for (Split split : List.of(Split.TRAIN, Split.DEV)) {
        List<Example> examples = task.load(split, DataDirectory.resolve()).examples();
        assertEquals(examples.size(), stored.size(split.lowerName()), taskName + " " + split);
        for (StoredExample want : ExampleFeatures.encode(key, backbone, task, split, examples)) {
          StoredExample got = stored.find(split.lowerName(), want.id());
          assertNotNull(got, taskName + " " + split + " " + want.id());
          assertEquals(want.sourceHash(), got.sourceHash(), want.id());
          assertEquals(want.example().label(), got.example().label(), want.id());
          assertArrayEquals(want.example().inputIds(), got.example().inputIds(), want.id());
          assertArrayEquals(want.example().tokenTypeIds(), got.example().tokenTypeIds(), want.id());
        }
      }
    }
    assertNull(StoredFeatureSet.load(source, new FeatureSetKey("conll03", "minilm-l6", 64, FeatureSetKey.CLASSIFIER)));

    List<FeaturePreprocessor.FeatureSet> again = preprocessor.run(trials, config.preprocessInput(), layout,
        new BackboneFeatureEncoder(), false);
    assertFalse(again.get(0).built() || again.get(1).built(), "unchanged inputs: reused");
  }
}
