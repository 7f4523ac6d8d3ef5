package ptune.trial;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ptune.checkpoint.PromptCheckpoint;
import ptune.dataset.DataDirectory;
import ptune.trainer.TrainingState;

/**
 * A real pt2 trial (minilm-l6, real SST-2 examples, the official dropout 0.1, a held-out part of
 * train) with a training-state store: stopped by its time limit after epoch 1 as TIMED_OUT with
 * its state saved, and run again, it resumes at epoch 2 and ends exactly (per-epoch losses and dev
 * scores, best epoch, held-out selection, checkpoint tensors) as the same trial run in one go. A
 * torn state file is set aside with a warning and the trial starts from epoch 1. A CoNLL-2003 trial,
 * whose labelled test split is scored at the epochs that improve dev, resumes with the same test
 * scoring. Stopped at a successive-halving rung (an epoch limit) as STOPPED and continued to its
 * last epoch, it ends as the run in one go too.
 */
class TrialResumeTest {
  private static final TrialSpec SPEC = TrialSpec.of("test", "minilm-l6", "pt2", "sst2", 5, Map.of(
      "lr", 2e-2, "epochs", 4, "batch_size", 8, "max_len", 48, "prefix_len", 4,
      "warmup_ratio", 0.1, "held_out_fraction", 0.25, "max_train_examples", 48,
      "max_dev_examples", 32));
  private static final Duration AT_ONCE = Duration.ofNanos(1);

  @TempDir static Path tmp;
  private static TrialResult uninterrupted;

  @BeforeAll
  static void runInOneGo() {
    uninterrupted = run("whole", TrialStateFile.inDirectory(tmp.resolve("state-whole"), SPEC.trialId()),
        1, null);
    assertNull(uninterrupted.error(), uninterrupted.error());
    assertEquals(TrialStatus.COMPLETED, uninterrupted.status());
    assertEquals(4, uninterrupted.epochs().size());
    assertEquals(0, uninterrupted.resumedEpochs());
  }

  @Test
  void aTimedOutTrialResumesFromItsStateAndEndsAsAnUninterruptedRun() throws Exception {
    TrialStateFile store = TrialStateFile.inDirectory(tmp.resolve("state"), SPEC.trialId());
    // Saving every 3 epochs: the stop after epoch 1 saves anyway, as the run's last epoch.
    TrialResult stopped = run("stopped", store, 3, AT_ONCE);
    assertNull(stopped.error(), stopped.error());
    assertEquals(TrialStatus.TIMED_OUT, stopped.status());
    assertEquals(1, stopped.epochs().size());
    assertEquals(uninterrupted.epochs().get(0).devScore(), stopped.epochs().get(0).devScore());
    TrainingState state = store.load().orElseThrow();
    assertEquals(1, state.completedEpochs());
    assertTrue(state.attachments().containsKey(HeldOutSelection.ATTACHMENT));

    TrialResult resumed = run("resumed", store, 1, null);
    assertNull(resumed.error(), resumed.error());
    assertEquals(TrialStatus.COMPLETED, resumed.status());
    assertEquals(1, resumed.resumedEpochs());
    assertEquals(curve(uninterrupted), curve(resumed));
    assertEquals(uninterrupted.bestEpoch(), resumed.bestEpoch());
    assertEquals(uninterrupted.bestDevScore(), resumed.bestDevScore());
    assertEquals(uninterrupted.heldOutMetrics(), resumed.heldOutMetrics());
    assertFalse(resumed.heldOutMetrics().isEmpty());
    assertSameTensors(uninterrupted, resumed);
    assertEquals(4, store.load().orElseThrow().completedEpochs());
  }

  @Test
  void aTrialStoppedAtItsRungContinuesToTheNextAndEndsAsAnUninterruptedRun() throws Exception {
    TrialStateFile store = TrialStateFile.inDirectory(tmp.resolve("state-rung"), SPEC.trialId());
    TrialEnvironment rung = environment("rung-1", store, 1).withEpochLimit(2);
    TrialResult stopped = new PromptTuningTrialRunner().run(SPEC, rung);
    assertNull(stopped.error(), stopped.error());
    assertEquals(TrialStatus.STOPPED, stopped.status());
    assertEquals(curve(uninterrupted).subList(0, 2), curve(stopped));
    assertEquals(2, store.load().orElseThrow().completedEpochs());

    TrialEnvironment last = environment("rung-2", store, 1).withEpochLimit(4); // its last epoch
    TrialResult promoted = new PromptTuningTrialRunner().run(SPEC, last);
    assertNull(promoted.error(), promoted.error());
    assertEquals(TrialStatus.COMPLETED, promoted.status());
    assertEquals(2, promoted.resumedEpochs());
    assertEquals(curve(uninterrupted), curve(promoted));
    assertEquals(uninterrupted.bestEpoch(), promoted.bestEpoch());
    assertEquals(uninterrupted.heldOutMetrics(), promoted.heldOutMetrics());
    assertSameTensors(uninterrupted, promoted);
  }

  @Test
  void aTornStateIsSetAsideWithAWarningAndTheTrialStartsFromEpochOne() throws Exception {
    Path dir = tmp.resolve("state-torn");
    TrialStateFile store = TrialStateFile.inDirectory(dir, SPEC.trialId());
    run("first", store, 1, AT_ONCE);
    Path file = dir.resolve(SPEC.trialId() + ".bin");
    byte[] whole = Files.readAllBytes(file);
    Files.write(file, Arrays.copyOf(whole, whole.length / 2)); // a torn write

    List<LogRecord> warnings = new ArrayList<>();
    Logger log = Logger.getLogger(TrialStateFile.class.getName());
    Handler capture = new Handler() {
      @Override
      public void publish(LogRecord record) {
        warnings.add(record);
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    log.addHandler(capture);
    TrialResult again;
    try {
      again = run("again", store, 1, AT_ONCE);
    } finally {
      log.removeHandler(capture);
    }
    assertNull(again.error(), again.error());
    assertEquals(0, again.resumedEpochs());
    assertEquals(TrialStatus.TIMED_OUT, again.status());
    assertEquals(uninterrupted.epochs().get(0).devScore(), again.epochs().get(0).devScore());
    assertTrue(Files.exists(dir.resolve(SPEC.trialId() + ".bin" + TrialStateFile.DAMAGED_SUFFIX)));
    assertEquals(1, warnings.size(), warnings.toString());
    assertTrue(warnings.get(0).getMessage().contains(file.toString()), warnings.get(0).getMessage());
    assertEquals(1, store.load().orElseThrow().completedEpochs()); // a fresh state replaced it
  }

  @Test
  void aResumedNerTrialScoresTestAtTheSameEpochsAsAnUninterruptedOne() throws Exception {
    TrialSpec ner = TrialSpec.of("test", "minilm-l6", "pt2", "conll03", 11, Map.of(
        "lr", 3e-2, "epochs", 3, "batch_size", 8, "max_len", 48, "prefix_len", 4,
        "max_train_examples", 48, "max_dev_examples", 24, "max_test_examples", 24));
    TrialResult whole = run(ner, "ner-whole", TrialStateStore.NONE, 0, null);
    assertNull(whole.error(), whole.error());
    TrialStateFile store = TrialStateFile.inDirectory(tmp.resolve("state-ner"), ner.trialId());
    TrialResult stopped = run(ner, "ner-stopped", store, 1, AT_ONCE);
    assertEquals(TrialStatus.TIMED_OUT, stopped.status(), stopped.error());
    assertTrue(store.load().orElseThrow().attachments().containsKey(TestAtBestDev.ATTACHMENT));
    TrialResult resumed = run(ner, "ner-resumed", store, 1, null);
    assertNull(resumed.error(), resumed.error());
    assertEquals(1, resumed.resumedEpochs());
    assertEquals(curve(whole), curve(resumed));
    assertEquals(whole.bestEpoch(), resumed.bestEpoch());
    assertFalse(whole.testMetrics().isEmpty());
    assertEquals(whole.testMetrics(), resumed.testMetrics());
    assertSameTensors(whole, resumed);
  }

  private static TrialResult run(String name, TrialStateStore store, int every, Duration timeout) {
    return run(SPEC, name, store, every, timeout);
  }

  private static TrialEnvironment environment(String name, TrialStateStore store, int every) {
    return new TrialEnvironment("cpu", DataDirectory.resolve(), tmp.resolve("ckpt-" + name), TrialListener.NONE)
        .withState(store, every);
  }

  private static TrialResult run(TrialSpec spec, String name, TrialStateStore store, int every,
      Duration timeout) {
    TrialEnvironment env = new TrialEnvironment("cpu", DataDirectory.resolve(),
        tmp.resolve("ckpt-" + name), TrialListener.NONE).withState(store, every).withTimeout(timeout);
    return new PromptTuningTrialRunner().run(spec, env);
  }

  /** Every epoch's loss, dev metrics and test metrics (not its seconds). */
  private static List<List<Object>> curve(TrialResult r) {
    return r.epochs().stream()
        .map(e -> List.<Object>of(e.epoch(), e.trainLoss(), e.devScore(), e.devMetrics(), e.testMetrics()))
        .toList();
  }

  private static void assertSameTensors(TrialResult a, TrialResult b) throws IOException {
    Map<String, float[]> x = PromptCheckpoint.load(Path.of(a.checkpointPath())).tensors();
    Map<String, float[]> y = PromptCheckpoint.load(Path.of(b.checkpointPath())).tensors();
    assertEquals(x.keySet(), y.keySet());
    x.forEach((name, values) -> assertArrayEquals(values, y.get(name), name));
  }
}
