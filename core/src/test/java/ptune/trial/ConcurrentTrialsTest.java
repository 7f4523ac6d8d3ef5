package ptune.trial;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ptune.checkpoint.PromptCheckpoint;
import ptune.dataset.DataDirectory;

/**
 * Two trials in one JVM (as two Spark task slots of one executor) neither crash nor touch each
 * other's parameters: without dropout a trial is deterministic, so the one that ran next to
 * another must end exactly where it ends when it runs alone.
 */
class ConcurrentTrialsTest {

  private static TrialSpec spec(long seed) {
    return TrialSpec.of("test", "minilm-l6", "pt2", "rte", seed, Map.of(
        "lr", 1e-2, "epochs", 2, "batch_size", 16, "max_len", 64, "prefix_len", 4, "dropout", 0,
        "max_train_examples", 96, "max_dev_examples", 48));
  }

  @Test
  void twoTrialsSideBySideMatchTheirSoloRuns(@TempDir Path tmp) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<TrialResult> a = pool.submit(() -> run(spec(1), tmp.resolve("a")));
      Future<TrialResult> b = pool.submit(() -> run(spec(2), tmp.resolve("b")));
      TrialResult first = a.get();
      TrialResult second = b.get();
      for (TrialResult r : List.of(first, second)) {
        assertNull(r.error(), r.error());
        assertEquals(TrialStatus.COMPLETED, r.status());
        assertEquals(2, r.epochs().size());
      }
      TrialResult alone = run(spec(1), tmp.resolve("alone"));
      for (int e = 0; e < 2; e++) {
        assertEquals(alone.epochs().get(e).trainLoss(), first.epochs().get(e).trainLoss(), 1e-5);
        assertEquals(alone.epochs().get(e).devScore(), first.epochs().get(e).devScore(), 1e-9);
      }
      Map<String, float[]> soloParams = PromptCheckpoint.load(Path.of(alone.checkpointPath()))
          .tensors();
      PromptCheckpoint.load(Path.of(first.checkpointPath())).tensors().forEach((name, values) ->
          assertArrayEquals(soloParams.get(name), values, 1e-5f, name));
    } finally {
      pool.shutdownNow();
    }
  }

  private static TrialResult run(TrialSpec spec, Path dir) {
    return new PromptTuningTrialRunner().run(spec,
        new TrialEnvironment("cpu", DataDirectory.resolve(), dir, TrialListener.NONE));
  }
}
