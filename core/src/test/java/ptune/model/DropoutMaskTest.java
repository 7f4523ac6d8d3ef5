package ptune.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link DropoutMask} does what libtorch's dropout does (keep rate 1-p, kept values x * 1/(1-p) as
 * the same float, gradient grad * noise, identity at p = 0) and is reproducible from the engine
 * seed. The statistical checks use 5-sigma binomial bounds: a correct mask fails one with
 * probability below 1e-6, a keep rate off by 0.1% of [32, 12, 128, 144] is 8 sigma out.
 */
class DropoutMaskTest {

  /** The attention-probability shape of a MiniLM-L6 pt2 step: [B, nH, T, P+T]. */
  private static final Shape ATTENTION = new Shape(32, 12, 128, 144);

  private NDManager manager;

  @BeforeEach
  void open() {
    manager = NDManager.newBaseManager();
  }

  @AfterEach
  void close() {
    manager.close();
  }

  @ParameterizedTest
  @ValueSource(floats = {0.1f, 0.5f, 0.9f})
  void keepRateIsOneMinusPWithinFiveSigmaInEvenAndOddElements(float p) {
    Engine.getInstance().setRandomSeed(1);
    float[] noise = DropoutMask.noise(manager, ATTENTION, p).toFloatArray();
    float scale = 1f / (1f - p);
    long[] kept = new long[2]; // even and odd elements take the two halves of one 64-bit draw
    for (int i = 0; i < noise.length; i++) {
      if (noise[i] == scale) {
        kept[i % 2]++;
      } else {
        assertEquals(0f, noise[i], "element " + i);
      }
    }
    double half = noise.length / 2.0;
    double sigma = Math.sqrt(half * p * (1 - p));
    for (int parity = 0; parity < 2; parity++) {
      double expected = half * (1 - p);
      assertTrue(Math.abs(kept[parity] - expected) <= 5 * sigma, "p " + p + ", parity " + parity
          + ": kept " + kept[parity] + " of " + half + ", expected " + expected + " +- 5 x " + sigma);
    }
  }

  @Test
  void keptValuesAreXTimesTheFloatOneOverOneMinusPAsLibtorchScalesThem() {
    float p = 0.1f;
    Engine.getInstance().setRandomSeed(2);
    NDArray x = manager.randomUniform(-2, 2, new Shape(64, 384));
    float[] in = x.toFloatArray();
    float[] ours = DropoutMask.apply(x, p, true).toFloatArray();
    float[] torch = Dropout.dropout(x, p, true).singletonOrThrow().toFloatArray();
    float scale = 1f / (1f - p);
    int keptOurs = 0;
    int keptTorch = 0;
    for (int i = 0; i < in.length; i++) {
      if (ours[i] != 0) {
        keptOurs++;
        assertEquals(Float.floatToIntBits(in[i] * scale), Float.floatToIntBits(ours[i]), "at " + i);
        // rounding the scale (relative 2^-24: up to 1 ulp here) and the product (half an ulp)
        assertEquals(in[i] / (1.0 - p), ours[i], 1.5 * Math.ulp(ours[i]), "x/(1-p) at " + i);
      }
      if (torch[i] != 0) {
        keptTorch++;
        assertEquals(Float.floatToIntBits(in[i] * scale), Float.floatToIntBits(torch[i]),
            "libtorch's dropout scales by the same float, at " + i);
      }
    }
    assertTrue(keptOurs > 0.85 * in.length && keptOurs < 0.95 * in.length, "kept " + keptOurs);
    assertTrue(keptTorch > 0.85 * in.length && keptTorch < 0.95 * in.length, "kept " + keptTorch);
  }

  @Test
  void rateZeroAndEvaluationAreTheIdentityWithoutARandomDraw() {
    NDArray x = manager.randomUniform(0, 1, new Shape(4, 8));
    Engine.getInstance().setRandomSeed(3);
    long undisturbed = nextEngineDraw();
    Engine.getInstance().setRandomSeed(3);
    assertSame(x, DropoutMask.apply(x, 0f, true));
    assertSame(x, DropoutMask.apply(x, 0.1f, false));
    assertEquals(undisturbed, nextEngineDraw(), "p = 0 or evaluation drew from the generator");
  }

  @Test
  void gradientIsTheUpstreamGradientTimesTheNoise() {
    float p = 0.1f;
    Engine.getInstance().setRandomSeed(4);
    NDArray x = manager.randomUniform(0.5f, 1.5f, new Shape(32, 12, 16, 20)); // no zeros
    NDArray w = manager.randomUniform(-1, 1, x.getShape());
    x.setRequiresGradient(true);
    float[] y;
    try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
      NDArray out = DropoutMask.apply(x, p, true);
      y = out.toFloatArray();
      collector.backward(out.mul(w).sum()); // d/dx sum(w * dropout(x)) = w * noise
    }
    float[] grad = x.getGradient().toFloatArray();
    float[] weights = w.toFloatArray();
    float scale = 1f / (1f - p);
    int dropped = 0;
    for (int i = 0; i < grad.length; i++) {
      float noise = y[i] == 0 ? 0f : scale;
      dropped += y[i] == 0 ? 1 : 0;
      assertEquals(Float.floatToIntBits(weights[i] * noise), Float.floatToIntBits(grad[i]),
          "gradient at " + i);
    }
    assertTrue(dropped > 0 && dropped < grad.length / 5, "dropped " + dropped);
  }

  @Test
  void oneSeedGivesIdenticalMasksAnotherSeedOrTheNextMaskDiffers() {
    Shape shape = new Shape(3, 5, 7); // odd size: the last element takes a draw of its own
    Engine.getInstance().setRandomSeed(5);
    float[] first = DropoutMask.noise(manager, shape, 0.5f).toFloatArray();
    float[] next = DropoutMask.noise(manager, shape, 0.5f).toFloatArray();
    Engine.getInstance().setRandomSeed(5);
    assertArrayEquals(first, DropoutMask.noise(manager, shape, 0.5f).toFloatArray());
    assertArrayEquals(next, DropoutMask.noise(manager, shape, 0.5f).toFloatArray());
    Engine.getInstance().setRandomSeed(6);
    float[] otherSeed = DropoutMask.noise(manager, shape, 0.5f).toFloatArray();
    // 105 fair coins: two masks agree everywhere with probability 2^-105
    assertTrue(differ(first, otherSeed) > 0, "seeds 5 and 6 gave the same mask");
    assertTrue(differ(first, next) > 0, "two masks in a row were the same");
  }

  @Test
  void ratesOutsideZeroToOneAreRefused() {
    NDArray x = manager.ones(new Shape(2, 2));
    for (float bad : new float[] {1f, 1.5f, -0.1f, Float.NaN}) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> DropoutMask.apply(x, bad, true));
      assertTrue(e.getMessage().contains("dropout rate"), e.getMessage());
    }
  }

  private long nextEngineDraw() {
    try (NDArray draw = manager.randomInteger(0, Long.MAX_VALUE, new Shape(), DataType.INT64)) {
      return draw.getLong();
    }
  }

  private static int differ(float[] a, float[] b) {
    int n = 0;
    for (int i = 0; i < a.length; i++) {
      n += a[i] != b[i] ? 1 : 0;
    }
    return n;
  }
}
