package ptune.trial;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ptune.checkpoint.PromptCheckpoint;
import ptune.dataset.DataDirectory;
import ptune.model.Precision;

/**
 * A pt2 trial with {@code precision: bf16} (RTE, the official dropout): reproducible from its seed
 * bit for bit like an fp32 one, on other numbers than fp32 (the bf16 products ran) but close to
 * them, and its result row's device says when the CPU could not run bf16.
 */
class Bf16TrialTest {

  private static TrialSpec spec(String precision) {
    Map<String, Object> grid = new HashMap<>(Map.of(
        "lr", 1e-2, "epochs", 1, "batch_size", 16, "max_len", 64, "prefix_len", 4,
        "dropout", 0.1, "max_train_examples", 64, "max_dev_examples", 32));
    grid.put("precision", precision);
    return TrialSpec.of("test", "minilm-l6", "pt2", "rte", 1, grid);
  }

  @Test
  void aBf16TrialIsReproducibleAndCloseToFp32(@TempDir Path tmp) throws Exception {
    TrialResult first = run(spec("bf16"), tmp.resolve("a"));
    TrialResult again = run(spec("bf16"), tmp.resolve("b"));
    TrialResult fp32 = run(spec("fp32"), tmp.resolve("c"));
    for (TrialResult r : new TrialResult[] {first, again, fp32}) {
      assertNull(r.error(), r.error());
      assertEquals(TrialStatus.COMPLETED, r.status());
    }
    boolean bf16Here = Precision.bf16MatmulIn(Device.cpu());
    assertEquals(bf16Here ? "cpu" : "cpu (no bf16 matmul: fp32)", first.device());
    assertEquals("cpu", fp32.device());

    double loss = first.epochs().get(0).trainLoss();
    assertEquals(loss, again.epochs().get(0).trainLoss(), 0.0);
    assertEquals(first.epochs().get(0).devScore(), again.epochs().get(0).devScore(), 0.0);
    Map<String, float[]> a = PromptCheckpoint.load(Path.of(first.checkpointPath())).tensors();
    Map<String, float[]> b = PromptCheckpoint.load(Path.of(again.checkpointPath())).tensors();
    a.forEach((name, values) -> assertArrayEquals(values, b.get(name), name));

    double fp32Loss = fp32.epochs().get(0).trainLoss();
    if (bf16Here) {
      assertNotEquals(fp32Loss, loss, "bf16 gave fp32's loss exactly: did the bf16 path run?");
    }
    // One epoch of 4 steps from the same initial values and dropout masks: the mean training loss
    // moves by the bf16 rounding only, a small fraction of the loss itself.
    System.out.printf("pt2 rte, 1 epoch: train loss bf16 %.6f, fp32 %.6f%n", loss, fp32Loss);
    assertTrue(Math.abs(loss - fp32Loss) < 0.005 * fp32Loss, "bf16 " + loss + " vs fp32 " + fp32Loss);
  }

  private static TrialResult run(TrialSpec spec, Path dir) {
    return new PromptTuningTrialRunner().run(spec,
        new TrialEnvironment("cpu", DataDirectory.resolve(), dir, TrialListener.NONE));
  }
}
