package ptune.preprocess;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ptune.backbone.Backbone;
import ptune.backbone.BackboneCache;
import ptune.dataset.DataDirectory;
import ptune.dataset.DatasetFormatException;
import ptune.dataset.Example;
import ptune.dataset.SpanExtractionExample;
import ptune.dataset.Split;
import ptune.dataset.Task;
import ptune.tasks.TaskRegistry;
import ptune.featurestore.ExampleColumns;
import ptune.featurestore.FeatureSetKey;
import ptune.featurestore.FeatureShard;
import ptune.featurestore.FeatureSource;
import ptune.featurestore.StoredExample;
import ptune.featurestore.StoredFeatureSet;
import ptune.results.SweepLayout;
import ptune.sweep.GridExpander;
import ptune.sweep.SweepConfig;
import ptune.sweep.SweepConfigReader;
import ptune.trial.ExampleFeatures;
import ptune.trial.TrialSpec;

/**
 * The preprocess job on real files: SuperGLUE CB as JSON Lines, GLUE MRPC as TSV with a header and a
 * byte-order mark, CoNLL-2004 NER (sentences), and SQuAD v1.1 as squad-devsplit (three articles of
 * the real dev file: train and dev cut from one file by article). The Arrow shards it writes, read
 * back the way trials read them, hold for every train and dev example exactly the rows, alignment and
 * content hash the trial's own encoder gives; each shard holds one split in its own directory; QA
 * chunks keep an article's questions in one shard; a rerun with unchanged inputs reuses the sets.
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
    Path data = dataDir(tmp.resolve("data"));
    SweepConfig config = SweepConfigReader.parse(new ByteArrayInputStream(("""
        name: pp
        data_dir: "%s"
        backbones: [minilm-l6]
        methods: [pt2]
        tasks: [cb, mrpc, conll04, squad-devsplit]
        seeds: [1]
        grid: {max_len: 64}
        overrides:
          - task: squad-devsplit
            grid: {max_len: 128, doc_stride: 48}
        preprocess: {encoder: ptune.preprocess.BackboneFeatureEncoder}
        """.formatted(data)).getBytes(StandardCharsets.UTF_8)), "pp.yaml");
    SweepLayout layout = SweepLayout.of(tmp.toString(), "pp");
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    FeaturePreprocessor preprocessor = new FeaturePreprocessor(spark, new PrintStream(console, true), 50);

    List<TrialSpec> trials = GridExpander.expand(config);
    List<FeaturePreprocessor.FeatureSet> sets = preprocessor.run(trials, config.preprocessInput(), layout,
        new BackboneFeatureEncoder(), false);
    assertEquals(4, sets.size());
    assertTrue(sets.stream().allMatch(FeaturePreprocessor.FeatureSet::built), console.toString());
    assertEquals("squad-devsplit/minilm-l6-len128-stride48", sets.get(3).key().directory());

    Backbone backbone = BackboneCache.get("minilm-l6");
    HadoopFeatureSource source = new HadoopFeatureSource(layout.features());
    for (TrialSpec spec : trials) {
      Task task = TaskRegistry.get(spec.task());
      FeatureSetKey key = ExampleFeatures.key(spec, task);
      StoredFeatureSet stored = StoredFeatureSet.load(source, key);
      assertNotNull(stored, spec.task());
      assertEquals(ExampleFeatures.fingerprint(key, backbone), stored.fingerprint());
      for (Split split : List.of(Split.TRAIN, Split.DEV)) {
        List<Example> examples = task.load(split, data).examples();
        assertEquals(examples.size(), stored.size(split.lowerName()), spec.task() + " " + split);
        for (StoredExample want : ExampleFeatures.encode(key, backbone, task, split, examples)) {
          StoredExample got = stored.find(split.lowerName(), want.id());
          assertNotNull(got, spec.task() + " " + split + " " + want.id());
          assertEquals(want.sourceHash(), got.sourceHash(), want.id());
          assertSameColumns(ExampleColumns.of(want.rows()), ExampleColumns.of(got.rows()), want.id());
        }
      }
      for (FeatureSource.ShardFile shard : source.shards(key)) {
        assertTrue(shard.name().contains("/arrow/" + shard.split() + "/part-"), shard.name());
      }
    }

    // SQuAD's train split (two articles of 96 and 98 questions) in chunks of whole articles
    FeatureSetKey squad = ExampleFeatures.key(trials.get(3), TaskRegistry.get("squad-devsplit"));
    Map<String, String> articleOf = new HashMap<>();
    TaskRegistry.get("squad-devsplit").load(Split.TRAIN, data).examplesOf(SpanExtractionExample.class)
        .forEach(q -> articleOf.put(q.id(), q.article()));
    List<Set<String>> shardArticles = new ArrayList<>();
    for (FeatureSource.ShardFile shard : source.shards(squad)) {
      if ("train".equals(shard.split())) {
        try (SeekableByteChannel in = shard.open()) {
          shardArticles.add(FeatureShard.read(in, shard.name()).rows().stream().map(r -> articleOf.get(r.id()))
              .collect(Collectors.toSet()));
        }
      }
    }
    assertEquals(List.of(1, 1), shardArticles.stream().map(Set::size).toList(), "one article per train shard");
    assertTrue(console.toString().contains("preprocess squad-devsplit/minilm-l6-len128-stride48: "), console.toString());

    List<FeaturePreprocessor.FeatureSet> again = preprocessor.run(trials, config.preprocessInput(), layout,
        new BackboneFeatureEncoder(), false);
    assertTrue(again.stream().noneMatch(FeaturePreprocessor.FeatureSet::built), "unchanged inputs: reused");
  }

  @Test
  void aBrokenSentenceFailsOnTheDriverNamingFileAndLine(@TempDir Path tmp) throws Exception {
    Path data = dataDir(tmp.resolve("data"));
    Path train = data.resolve("ner/conll2004/train.txt");
    List<String> lines = new ArrayList<>(Files.readAllLines(Path.of(Files.readSymbolicLink(train).toString())));
    Files.delete(train);
    int broken = -1;
    for (int i = 0; i < lines.size() && broken < 0; i++) {
      if (!lines.get(i).isBlank() && i > 40) {
        broken = i;
      }
    }
    lines.set(broken, lines.get(broken).split("\\s+")[0]); // a word without its tag column
    Files.write(train, lines);
    SweepConfig config = SweepConfigReader.parse(new ByteArrayInputStream(("""
        name: pp
        data_dir: "%s"
        backbones: [minilm-l6]
        methods: [pt2]
        tasks: [conll04]
        seeds: [1]
        preprocess: {encoder: ptune.preprocess.BackboneFeatureEncoder}
        """.formatted(data)).getBytes(StandardCharsets.UTF_8)), "pp.yaml");
    SweepLayout layout = SweepLayout.of(tmp.toString(), "pp");
    FeaturePreprocessor preprocessor = new FeaturePreprocessor(spark, new PrintStream(new ByteArrayOutputStream(), true));
    DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> preprocessor.run(
        GridExpander.expand(config), config.preprocessInput(), layout, new BackboneFeatureEncoder(), false));
    assertTrue(e.getMessage().contains(train + ", line " + (broken + 1)), e.getMessage());
    assertFalse(Files.exists(Path.of(layout.features(), "conll04")), "no half-written set is left");
  }

  /**
   * A datasets root for the test: CB, MRPC and CoNLL-2004 linked to the shared files, SQuAD v1.1's
   * dev file cut to its three smallest articles (96, 98 and 104 questions: the third is dev).
   */
  private static Path dataDir(Path root) throws IOException {
    Path shared = DataDirectory.resolve();
    for (String dir : List.of("superglue/CB", "glue/MRPC", "ner/conll2004")) {
      Files.createDirectories(root.resolve(dir));
      try (var files = Files.list(shared.resolve(dir))) {
        for (Path f : files.toList()) {
          Files.createSymbolicLink(root.resolve(dir).resolve(f.getFileName()), f);
        }
      }
    }
    ObjectMapper json = new ObjectMapper();
    ObjectNode squad = (ObjectNode) json.readTree(shared.resolve("qa/squad_v1.1/dev-v1.1.json").toFile());
    ArrayNode kept = json.createArrayNode();
    for (String title : List.of("Jacksonville,_Florida", "Construction", "Intergovernmental_Panel_on_Climate_Change")) {
      for (JsonNode article : squad.get("data")) {
        if (article.get("title").asText().equals(title)) {
          kept.add(article);
        }
      }
    }
    squad.set("data", kept);
    Files.createDirectories(root.resolve("qa/squad_v1.1"));
    json.writeValue(root.resolve("qa/squad_v1.1/dev-v1.1.json").toFile(), squad);
    return root;
  }

  private static void assertSameColumns(ExampleColumns want, ExampleColumns got, String id) {
    assertEquals(want.alignment(), got.alignment(), id);
    assertEquals(want.label(), got.label(), id);
    assertArrayEquals(want.inputIds(), got.inputIds(), id);
    assertArrayEquals(want.tokenTypeIds(), got.tokenTypeIds(), id);
    assertArrayEquals(want.targets(), got.targets(), id);
    assertArrayEquals(want.wordFirstTokens(), got.wordFirstTokens(), id);
    assertArrayEquals(want.contextStarts(), got.contextStarts(), id);
    assertArrayEquals(want.contextEnds(), got.contextEnds(), id);
  }
}
