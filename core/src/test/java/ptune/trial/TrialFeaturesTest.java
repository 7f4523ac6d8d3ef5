package ptune.trial;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ptune.backbone.Backbone;
import ptune.backbone.BackboneCache;
import ptune.dataset.DataDirectory;
import ptune.dataset.Example;
import ptune.dataset.SentencePairExample;
import ptune.dataset.Split;
import ptune.dataset.Task;
import ptune.tasks.TaskRegistry;
import ptune.encoding.EncodedSplit;
import ptune.featurestore.FeatureSetKey;
import ptune.featurestore.FeatureSource;
import ptune.featurestore.InMemoryFeatureSource;
import ptune.trainer.EncodedExample;
import ptune.trainer.Target;

/**
 * Trials take their rows from stored features only when the set fits (same encoder fingerprint,
 * every example present and unchanged), and then get exactly the rows tokenizing would give; in
 * every other case they tokenize and say why. A whole trial on stored features, of every task
 * family, ends with the same scores as the same trial tokenizing.
 */
class TrialFeaturesTest {
  static Backbone backbone;
  static Task cb;
  static List<Example> train;
  static List<Example> dev;
  static final TrialSpec SPEC = TrialSpec.of("test", "minilm-l6", "pt2", "cb", 3, Map.of("max_len", 96));

  @BeforeAll
  static void load() throws Exception {
    backbone = BackboneCache.get("minilm-l6");
    cb = TaskRegistry.get("cb");
    train = cb.load(Split.TRAIN, DataDirectory.resolve()).examples().subList(0, 60);
    dev = cb.load(Split.DEV, DataDirectory.resolve()).examples();
  }

  @Test
  void fittingStoredSetGivesTheTokenizedRows() {
    TrialFeatures features = encode(SPEC, store(SPEC, fingerprint(SPEC)), dev);
    assertEquals("stored memory:cb/minilm-l6-len96", features.origin());
    TaskSetup setup = new TaskSetup(cb, SPEC, backbone);
    assertSameRows(setup.encoder().encode(train.subList(10, 60)), features.train());
    assertSameRows(setup.encoder().encode(dev), features.dev());
    assertSameRows(setup.encoder().encode(train.subList(0, 10)), features.heldOut());
  }

  @Test
  void changedRecordMeansTokenizing() {
    List<Example> edited = new ArrayList<>(dev);
    SentencePairExample e = (SentencePairExample) edited.get(5);
    edited.set(5, new SentencePairExample(e.id(), e.textA() + " Really.", e.textB(), e.label(), e.source()));
    TrialFeatures features = encode(SPEC, store(SPEC, fingerprint(SPEC)), edited);
    assertEquals("tokenized in the trial: features at memory:cb/minilm-l6-len96 hold an older version of dev"
        + " example '" + e.id() + "' (the raw record changed)", features.origin());
    assertSameRows(new TaskSetup(cb, SPEC, backbone).encoder().encode(edited), features.dev());
  }

  @Test
  void otherEncoderOrMissingSetMeansTokenizing() {
    assertTrue(encode(SPEC, store(SPEC, "other-tokenizer"), dev).origin().startsWith(
        "tokenized in the trial: features at memory:cb/minilm-l6-len96 were written by encoder other-tokenizer,"));
    assertEquals("tokenized in the trial: no stored features at nowhere (no feature store configured)",
        encode(SPEC, FeatureSource.NONE, dev).origin());
  }

  @Test
  void verbalizerInputsAreTheirOwnSet() {
    TrialSpec cloze = TrialSpec.of("test", "minilm-l6", "pt2", "cb", 3, Map.of("max_len", 96, "head", "verbalizer"));
    assertEquals("cb/minilm-l6-len96-verbalizer", ExampleFeatures.key(cloze, cb).directory());
    TrialFeatures features = encode(cloze, store(cloze, fingerprint(cloze)), dev);
    assertEquals("stored memory:cb/minilm-l6-len96-verbalizer", features.origin());
    assertSameRows(new TaskSetup(cb, cloze, backbone).encoder().encode(dev), features.dev());
  }

  @Test
  void trialOnStoredFeaturesScoresLikeTokenizing(@TempDir Path tmp) {
    TrialSpec spec = TrialSpec.of("test", "minilm-l6", "pt2", "cb", 5, Map.of(
        "lr", 1e-2, "epochs", 1, "batch_size", 16, "max_len", 64, "prefix_len", 4,
        "max_train_examples", 48, "max_dev_examples", 24, "held_out_fraction", 0.25));
    TrialResult tokenized = new PromptTuningTrialRunner().run(spec,
        new TrialEnvironment("cpu", DataDirectory.resolve(), tmp.resolve("a"), TrialListener.NONE));
    List<Example> allTrain = cb.load(Split.TRAIN, DataDirectory.resolve()).examples();
    TrialResult stored = new PromptTuningTrialRunner().run(spec,
        new TrialEnvironment("cpu", DataDirectory.resolve(), tmp.resolve("b"), TrialListener.NONE,
            store(spec, fingerprint(spec), allTrain, dev)));

    assertNull(tokenized.error(), tokenized.error());
    assertNull(stored.error(), stored.error());
    assertTrue(tokenized.features().startsWith("tokenized in the trial: no stored features"), tokenized.features());
    assertEquals("stored memory:cb/minilm-l6-len64", stored.features());
    assertEquals(tokenized.epochs().get(0).trainLoss(), stored.epochs().get(0).trainLoss());
    assertEquals(tokenized.bestDevMetrics(), stored.bestDevMetrics());
    assertEquals(tokenized.heldOutMetrics(), stored.heldOutMetrics());
  }

  /**
   * NER (CoNLL-2004: test scored at every epoch that improves dev) and QA (squad-devsplit: windows
   * at max_len 128, so that most contexts span several) on stored features score every epoch exactly
   * as the same trials tokenizing; dropout 0, so the two runs draw nothing the stored path could
   * change.
   */
  @Test
  void taggingAndQaTrialsOnStoredFeaturesScoreEveryEpochLikeTokenizing(@TempDir Path tmp) {
    Map<String, Object> common = Map.of("lr", 2e-2, "epochs", 2, "batch_size", 8, "prefix_len", 4,
        "max_train_examples", 32, "max_dev_examples", 16, "held_out_fraction", 0.25, "dropout", 0.0);
    Map<String, Object> ner = new java.util.HashMap<>(common);
    ner.put("max_len", 64);
    ner.put("max_test_examples", 16);
    Map<String, Object> qa = new java.util.HashMap<>(common);
    qa.put("max_len", 128);
    qa.put("doc_stride", 48);
    for (TrialSpec spec : List.of(TrialSpec.of("test", "minilm-l6", "pt2", "conll04", 5, ner),
        TrialSpec.of("test", "minilm-l6", "pt2", "squad-devsplit", 5, qa))) {
      Task task = TaskRegistry.get(spec.task());
      TrialResult tokenized = new PromptTuningTrialRunner().run(spec,
          new TrialEnvironment("cpu", DataDirectory.resolve(), tmp.resolve(spec.task() + "-a"), TrialListener.NONE));
      FeatureSetKey key = ExampleFeatures.key(spec, task);
      // the trial's own examples, as preprocessing would store them among all others
      TrialSplits used = TrialSplits.load(spec, task, DataDirectory.resolve(), true);
      Map<String, byte[]> shards = new java.util.TreeMap<>();
      Map<Split, List<Example>> bySplit = Map.of(Split.TRAIN, concat(used.train(), used.heldOut()),
          Split.DEV, used.dev(), Split.TEST, used.test());
      bySplit.forEach((split, examples) -> shards.put(split.lowerName() + ".arrow", InMemoryFeatureSource.shard(
          ExampleFeatures.encode(key, backbone, task, split, examples), ExampleFeatures.fingerprint(key, backbone))));
      TrialResult stored = new PromptTuningTrialRunner().run(spec,
          new TrialEnvironment("cpu", DataDirectory.resolve(), tmp.resolve(spec.task() + "-b"), TrialListener.NONE,
              new InMemoryFeatureSource(shards)));

      assertNull(tokenized.error(), tokenized.error());
      assertNull(stored.error(), stored.error());
      assertTrue(tokenized.features().startsWith("tokenized in the trial: no stored features"), tokenized.features());
      assertEquals("stored memory:" + key.directory(), stored.features());
      assertEquals(2, stored.epochs().size());
      for (int epoch = 0; epoch < 2; epoch++) {
        EpochMetrics want = tokenized.epochs().get(epoch);
        EpochMetrics got = stored.epochs().get(epoch);
        assertEquals(want.trainLoss(), got.trainLoss(), spec.task() + " epoch " + epoch);
        assertEquals(want.devMetrics(), got.devMetrics(), spec.task() + " epoch " + epoch);
        assertEquals(want.testMetrics(), got.testMetrics(), spec.task() + " epoch " + epoch);
      }
      assertEquals(tokenized.heldOutMetrics(), stored.heldOutMetrics());
      assertEquals(tokenized.testMetrics(), stored.testMetrics());
    }
  }

  /**
   * SRL's input carries the predicate after the sentence (CoNLL-2005 Brown, every proposition):
   * stored and fresh rows, alignment and decoded gold sentences are the same.
   */
  @Test
  void srlRowsRoundTripThroughAShard() {
    Task srl = TaskRegistry.get("conll05");
    TrialSpec spec = TrialSpec.of("test", "minilm-l6", "pt2", srl.name(), 3, Map.of("max_len", 48));
    FeatureSetKey key = ExampleFeatures.key(spec, srl);
    List<Example> examples = srl.load(Split.TEST, DataDirectory.resolve()).examples();
    FeatureSource source = new InMemoryFeatureSource(Map.of("test.arrow", InMemoryFeatureSource.shard(
        ExampleFeatures.encode(key, backbone, srl, Split.TEST, examples), ExampleFeatures.fingerprint(key, backbone))));
    TrialFeatures features = TrialFeatures.encode(spec, srl, backbone, new TaskSetup(srl, spec, backbone), source,
        new TrialSplits(List.of(), List.of(), List.of(), examples));
    assertEquals("stored memory:" + key.directory(), features.origin());
    EncodedSplit fresh = new TaskSetup(srl, spec, backbone).encoder().encode(examples);
    assertSameRows(fresh, features.test());
  }

  private static List<Example> concat(List<Example> a, List<Example> b) {
    List<Example> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  private static TrialFeatures encode(TrialSpec spec, FeatureSource source, List<Example> devExamples) {
    return TrialFeatures.encode(spec, cb, backbone, new TaskSetup(cb, spec, backbone), source,
        new TrialSplits(train.subList(10, 60), train.subList(0, 10), devExamples, List.of()));
  }

  private static String fingerprint(TrialSpec spec) {
    return ExampleFeatures.fingerprint(ExampleFeatures.key(spec, cb), backbone);
  }

  private static FeatureSource store(TrialSpec spec, String fingerprint) {
    return store(spec, fingerprint, train, dev);
  }

  /** Train and dev as two shards, as preprocessing would write them. */
  private static FeatureSource store(TrialSpec spec, String fingerprint, List<Example> trainExamples,
      List<Example> devExamples) {
    FeatureSetKey key = ExampleFeatures.key(spec, cb);
    return new InMemoryFeatureSource(Map.of(
        "part-00000.arrow", InMemoryFeatureSource.shard(
            ExampleFeatures.encode(key, backbone, cb, Split.TRAIN, trainExamples), fingerprint),
        "part-00001.arrow", InMemoryFeatureSource.shard(
            ExampleFeatures.encode(key, backbone, cb, Split.DEV, devExamples), fingerprint)));
  }

  private static void assertSameRows(EncodedSplit expected, EncodedSplit actual) {
    assertEquals(expected.examples(), actual.examples());
    assertEquals(expected.rows().size(), actual.rows().size());
    for (int i = 0; i < expected.rows().size(); i++) {
      EncodedExample want = expected.rows().get(i);
      EncodedExample got = actual.rows().get(i);
      assertArrayEquals(want.inputIds(), got.inputIds());
      assertArrayEquals(want.tokenTypeIds(), got.tokenTypeIds());
      if (want.target() instanceof Target.PerToken t) {
        assertArrayEquals(t.labels(), ((Target.PerToken) got.target()).labels());
      } else {
        assertEquals(want.target(), got.target());
      }
    }
  }
}
