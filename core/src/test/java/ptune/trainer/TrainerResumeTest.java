package ptune.trainer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import ptune.backbone.Backbone;
import ptune.backbone.BackboneRegistry;
import ptune.dataset.DataDirectory;
import ptune.dataset.Example;
import ptune.dataset.SentencePairExample;
import ptune.dataset.Split;
import ptune.tasks.TaskRegistry;
import ptune.head.SequenceClassificationHead;
import ptune.method.PromptConfig;
import ptune.method.TuningMethods;
import ptune.model.BertModel;

/**
 * pt2 on real SST-2 sentences with minilm-l6 and the official dropout 0.1 (hidden states,
 * attention probabilities, prefix, head), warm-up and a decaying learning rate: 4 epochs in one
 * run equal, bit for bit, 2 epochs, the state written to bytes and read back, and 2 more epochs on
 * a freshly built model, method and head (initialized differently, torch's generator elsewhere, as
 * in a new JVM) resumed from it.
 */
class TrainerResumeTest {
  private static final int EPOCHS = 4;
  private static final TrainerConfig CONFIG = TrainerConfig.officialSuperGlue(5e-3, EPOCHS, 4, 3)
      .withWarmupRatio(0.2).withEvalBatchSize(8);

  private static Backbone backbone;
  private static List<EncodedExample> train;
  private static List<EncodedExample> dev;

  @BeforeAll
  static void load() throws Exception {
    backbone = BackboneRegistry.load("minilm-l6");
    List<Example> sst2 = TaskRegistry.get("sst2").load(Split.DEV, DataDirectory.resolve()).examples();
    train = encode(sst2.subList(0, 16));
    dev = encode(sst2.subList(16, 48));
  }

  private static List<EncodedExample> encode(List<Example> examples) {
    List<EncodedExample> out = new ArrayList<>();
    for (Example e : examples) {
      SentencePairExample s = (SentencePairExample) e;
      int[] words = backbone.tokenizer().tokenize(s.textA()).ids();
      int[] ids = new int[Math.min(words.length, 14) + 2];
      ids[0] = backbone.tokenizer().clsId();
      System.arraycopy(words, 0, ids, 1, ids.length - 2);
      ids[ids.length - 1] = backbone.tokenizer().sepId();
      out.add(EncodedExample.single(ids, new int[ids.length], s.label().index()));
    }
    return out;
  }

  /** Dev accuracy from the head's two logits. */
  private static final DevScorer ACCURACY = new DevScorer() {
    @Override
    public Map<String, Double> score(float[][] scores) {
      int right = 0;
      for (int i = 0; i < scores.length; i++) {
        int predicted = scores[i][1] > scores[i][0] ? 1 : 0;
        right += predicted == (int) dev.get(i).label() ? 1 : 0;
      }
      return Map.of("accuracy", right / (double) scores.length);
    }

    @Override
    public String selectionMetric() {
      return "accuracy";
    }
  };

  /** A run's outcome and the trainable tensors it ended with. */
  private record Finished(TrainingOutcome outcome, Map<String, float[]> last) {}

  private static Finished run(long initSeed, TrainingRun run) throws Exception {
    try (NDManager manager = NDManager.newBaseManager()) {
      BertModel model = backbone.newModel(manager, 0.1f, 0.1f);
      Random init = new Random(initSeed);
      Trainer trainer = new Trainer(model,
          TuningMethods.create("pt2", model, PromptConfig.defaults(4, 6).withProjection(32),
              manager, init),
          new SequenceClassificationHead(384, 2, 0.1f, manager, init),
          backbone.tokenizer().padId());
      TrainingOutcome outcome =
          trainer.train(train, dev, ACCURACY, CONFIG, manager, TrainingListener.NONE, run);
      return new Finished(outcome, trainer.snapshot());
    }
  }

  @Test
  void resumedRunEqualsUninterruptedRunBitForBit() throws Exception {
    List<TrainingState> uninterruptedStates = new ArrayList<>();
    Finished whole = run(1, TrainingRun.FROM_SCRATCH.savingStateEvery(2, uninterruptedStates::add));

    List<byte[]> saved = new ArrayList<>();
    Finished firstHalf = run(1, TrainingRun.FROM_SCRATCH.until(2).savingStateEvery(2, state -> {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      TrainingStateFormat.write(state, bytes);
      saved.add(bytes.toByteArray());
    }));
    assertEquals(1, saved.size(), "one state, after epoch 2");
    assertEquals(2, firstHalf.outcome().epochs().size());
    TrainingState state =
        TrainingStateFormat.read(new ByteArrayInputStream(saved.get(0)), "state after epoch 2");
    assertEquals(2, state.completedEpochs());
    // a new JVM: torch's generator wherever its runner seeded it
    JniUtils.setSeed(20261201);
    Finished resumed = run(99, TrainingRun.FROM_SCRATCH.resumingFrom(state));

    TrainingOutcome a = whole.outcome();
    TrainingOutcome b = resumed.outcome();
    assertEquals(List.of(2, 4),
        uninterruptedStates.stream().map(TrainingState::completedEpochs).toList());
    assertEquals(0, a.resumedEpochs());
    assertEquals(2, b.resumedEpochs());
    assertEquals(EPOCHS, b.epochs().size());
    for (int e = 0; e < EPOCHS; e++) {
      EpochReport x = a.epochs().get(e);
      EpochReport y = b.epochs().get(e);
      assertEquals(x.epoch(), y.epoch());
      assertEquals(Double.doubleToLongBits(x.trainLoss()), Double.doubleToLongBits(y.trainLoss()),
          "train loss of epoch " + x.epoch() + ": " + x.trainLoss() + " vs " + y.trainLoss());
      assertEquals(x.devMetrics(), y.devMetrics(), "dev metrics of epoch " + x.epoch());
      assertEquals(Double.doubleToLongBits(x.devScore()), Double.doubleToLongBits(y.devScore()));
    }
    System.out.println("train losses " + a.epochs().stream().map(EpochReport::trainLoss).toList()
        + ", dev accuracy " + a.epochs().stream().map(EpochReport::devScore).toList()
        + ", best epoch " + a.bestEpoch());
    assertEquals(a.bestEpoch(), b.bestEpoch());
    assertEquals(Double.doubleToLongBits(a.bestDevScore()), Double.doubleToLongBits(b.bestDevScore()));
    assertEquals(a.bestDevMetrics(), b.bestDevMetrics());
    assertSameTensors(a.bestParameters(), b.bestParameters(), "best epoch's");
    assertSameTensors(whole.last(), resumed.last(), "final");
    // epochs 3 and 4 moved every tensor on from where epoch 2 left it
    state.parameters().forEach((name, values) ->
        assertFalse(Arrays.equals(values, resumed.last().get(name)), name + " did not change"));
    // the optimizer state the uninterrupted run reached after epoch 2 is the one that was saved
    TrainingState atTwo = uninterruptedStates.get(0);
    assertEquals(atTwo.optimizer().step(), state.optimizer().step());
    assertEquals(atTwo.scheduleStep(), state.scheduleStep());
    for (int i = 0; i < atTwo.optimizer().first().size(); i++) {
      assertArrayEquals(atTwo.optimizer().first().get(i), state.optimizer().first().get(i));
      assertArrayEquals(atTwo.optimizer().second().get(i), state.optimizer().second().get(i));
    }
  }

  private static void assertSameTensors(
      Map<String, float[]> expected, Map<String, float[]> actual, String which) {
    assertEquals(expected.keySet(), actual.keySet());
    expected.forEach((name, values) -> assertTrue(Arrays.equals(values, actual.get(name)),
        which + " tensor " + name + " differs"));
  }

  @Test
  void aStateFromAnotherConfigIsRefused() throws Exception {
    List<TrainingState> states = new ArrayList<>();
    run(1, TrainingRun.FROM_SCRATCH.until(1).savingStateEvery(1, states::add));
    TrainingState state = states.get(0);
    TrainingState otherSeed = new TrainingState(
        TrainerConfig.officialSuperGlue(5e-3, EPOCHS, 4, 4).withWarmupRatio(0.2)
            .withEvalBatchSize(8),
        state.completedEpochs(), state.parameters(), state.optimizer(), state.scheduleStep(),
        state.history(), state.best(), state.epochsSinceBest(), state.examplesSeen(),
        state.seconds(), Map.of());
    IllegalArgumentException e = assertThrows(
        IllegalArgumentException.class,
        () -> run(1, TrainingRun.FROM_SCRATCH.resumingFrom(otherSeed)));
    assertTrue(e.getMessage().contains("seed=4") && e.getMessage().contains("seed=3"),
        e.getMessage());
  }

  /**
   * Patience counts across a resume: dev scores 0.5, 0.7, 0.6, 0.6, ... with patience 2 stop after
   * epoch 4 whether or not the run was interrupted after epoch 3; the state handed out at that
   * early stop resumes to the same outcome without training again.
   */
  @Test
  void patienceCountsAcrossAResume() throws Exception {
    double[] byEpoch = {0.5, 0.7, 0.6, 0.6, 0.9, 0.9};
    TrainerConfig config = TrainerConfig.officialSuperGlue(1e-2, 6, 2, 3)
        .withPatience(2).withEvalBatchSize(4);
    List<EncodedExample> tiny = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      tiny.add(EncodedExample.single(new int[] {101, 2000 + i, 102}, new int[3], i % 2));
    }
    List<TrainingState> states = new ArrayList<>();
    TrainingOutcome interrupted = scripted(byEpoch, config, tiny,
        TrainingRun.FROM_SCRATCH.until(3).savingStateEvery(3, states::add));
    assertEquals(3, interrupted.epochs().size());
    TrainingState afterThree = states.get(0);
    assertEquals(1, afterThree.epochsSinceBest());

    TrainingOutcome resumed = scripted(byEpoch, config, tiny,
        TrainingRun.FROM_SCRATCH.resumingFrom(afterThree).savingStateEvery(5, states::add));
    assertEquals(4, resumed.epochs().size());
    assertEquals(2, resumed.bestEpoch());
    assertEquals(0.7, resumed.bestDevScore(), 0.0);
    TrainingState atStop = states.get(1);
    assertEquals(4, atStop.completedEpochs(), "the early stop hands out its state");

    TrainingOutcome again = scripted(byEpoch, config, tiny,
        TrainingRun.FROM_SCRATCH.resumingFrom(atStop));
    assertEquals(4, again.epochs().size());
    assertEquals(4, again.resumedEpochs());
    assertEquals(2, again.bestEpoch());
    assertSameTensors(resumed.bestParameters(), again.bestParameters(), "best epoch's");
  }

  private static TrainingOutcome scripted(double[] byEpoch, TrainerConfig config,
      List<EncodedExample> examples, TrainingRun run) throws Exception {
    int[] next = {run.resumeFrom().map(TrainingState::completedEpochs).orElse(0)};
    DevScorer scorer = new DevScorer() {
      @Override
      public Map<String, Double> score(float[][] scores) {
        return Map.of("accuracy", byEpoch[next[0]++]);
      }

      @Override
      public String selectionMetric() {
        return "accuracy";
      }
    };
    try (NDManager manager = NDManager.newBaseManager()) {
      BertModel model = backbone.newModel(manager, 0f, 0f);
      Random init = new Random(5);
      Trainer trainer = new Trainer(model,
          TuningMethods.create("pt2", model, PromptConfig.defaults(2, 6), manager, init),
          new SequenceClassificationHead(384, 2, 0f, manager, init), 0);
      return trainer.train(examples, examples, scorer, config, manager, TrainingListener.NONE, run);
    }
  }
}
