package ptune.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.pytorch.jni.JniUtils;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ptune.dataset.DataDirectory;
import ptune.trial.PromptTuningTrialRunner;
import ptune.trial.TrialEnvironment;
import ptune.trial.TrialListener;
import ptune.trial.TrialResult;
import ptune.trial.TrialSpec;
import ptune.trial.TrialStatus;

/** A CPU trial runs as many libtorch threads as its task has cores, unless the user chose a count. */
class IntraOpThreadsTest {

  private String chosen;
  private int threadsBefore;

  @BeforeEach
  void noUserChoice() {
    chosen = System.getProperty(IntraOpThreads.PROPERTY);
    threadsBefore = IntraOpThreads.use(1);
    System.clearProperty(IntraOpThreads.PROPERTY);
  }

  @AfterEach
  void restore() {
    if (chosen == null) {
      System.clearProperty(IntraOpThreads.PROPERTY);
    } else {
      System.setProperty(IntraOpThreads.PROPERTY, chosen);
    }
    JniUtils.setNumThreads(threadsBefore);
  }

  @Test
  void theTasksCoresUnlessTheUserChoseACount() {
    assertEquals(3, IntraOpThreads.forCores(3));
    assertEquals(1, IntraOpThreads.forCores(0), "at least one thread");
    System.setProperty(IntraOpThreads.PROPERTY, "1");
    assertEquals(1, IntraOpThreads.forCores(4), "-Dai.djl.pytorch.num_threads wins");
    System.setProperty(IntraOpThreads.PROPERTY, "two");
    assertTrue(assertThrows(IllegalArgumentException.class, () -> IntraOpThreads.forCores(2)).getMessage()
        .contains("-Dai.djl.pytorch.num_threads must be a thread count, got 'two'"));
  }

  @Test
  void useSetsLibtorchsCount() {
    assertEquals(2, IntraOpThreads.use(2));
    assertEquals(2, JniUtils.getNumThreads());
    assertEquals(1, IntraOpThreads.use(1));
  }

  @Test
  void aRealTrialRunsItsTasksCores(@TempDir Path tmp) {
    for (int cores : new int[] {2, 1}) {
      TrialSpec spec = TrialSpec.of("test", "minilm-l6", "pt2", "cb", 3, Map.of(
          "epochs", 1, "batch_size", 8, "max_len", 32, "prefix_len", 2, "max_train_examples", 8,
          "max_dev_examples", 8));
      TrialResult result = new PromptTuningTrialRunner().run(spec, new TrialEnvironment("cpu",
          DataDirectory.resolve(), tmp.resolve("ckpt-" + cores), TrialListener.NONE).withCores(cores));
      assertEquals(TrialStatus.COMPLETED, result.status(), result.error());
      assertEquals(cores, JniUtils.getNumThreads(), "threads after a trial given " + cores + " core(s)");
    }
  }
}
