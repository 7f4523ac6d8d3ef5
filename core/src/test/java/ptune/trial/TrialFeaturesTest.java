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

/**
 * Trials take their rows from stored features only when the set fits (same encoder fingerprint,
 * every example present and unchanged), and then get exactly the rows tokenizing would give; in
 * every other case they tokenize and say why. A whole trial on stored features ends with the same
 * scores as the same trial tokenizing.
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
  void otherEncoderMissingSetAndUnstoredKindsMeanTokenizing() {
    assertTrue(encode(SPEC, store(SPEC, "other-tokenizer"), dev).origin().startsWith(
        "tokenized in the trial: features at memory:cb/minilm-l6-len96 were written by encoder other-tokenizer,"));
    assertEquals("tokenized in the trial: no stored features at nowhere (no feature store configured)",
        encode(SPEC, FeatureSource.NONE, dev).origin());
    TrialSpec ner = TrialSpec.of("test", "minilm-l6", "pt2", "conll03", 3, Map.of());
    TrialFeatures tagging = TrialFeatures.encode(ner, TaskRegistry.get("conll03"), backbone,
        new TaskSetup(TaskRegistry.get("conll03"), ner, backbone), FeatureSource.NONE,
        new TrialSplits(List.of(), List.of(), List.of(), List.of()));
    assertEquals("tokenized in the trial: features of TOKEN_CLASSIFICATION tasks are not stored", tagging.origin());
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
      assertEquals(want.label(), got.label());
    }
  }
}
