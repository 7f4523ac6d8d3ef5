package ptune.method;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import java.util.Random;
import org.junit.jupiter.api.Test;
import ptune.backbone.BackboneRegistry;
import ptune.head.SequenceClassificationHead;
import ptune.model.BertModel;
import ptune.model.EncoderInputs;

/**
 * Analytic gradients of P-tuning v2's prefix parameters (with the reparameterization MLP) against
 * central finite differences of the loss, along random directions, without dropout.
 *
 * <p>float32 tolerance: along a unit direction with step h = 0.05 the truncation error
 * O(h^2 |L'''|) stays far below 1e-3 relative here, and rounding is about 1e-7 |L| / h ~ 2e-6
 * absolute; 2% relative leaves a margin yet fails for a wrong gradient (a sign, a missing path or
 * a wrong transpose gives O(1) relative error).
 */
class PrefixGradientCheckTest {

  @Test
  void prefixGradientsMatchFiniteDifferences() throws Exception {
    var backbone = BackboneRegistry.load("minilm-l6");
    Engine.getInstance().setRandomSeed(11);
    try (NDManager m = NDManager.newBaseManager()) {
      BertModel model = backbone.newModel(m);
      PromptConfig cfg = PromptConfig.defaults(3, 6).withProjection(16).withDropout(0f);
      TuningMethod method = TuningMethods.create("pt2", model, cfg, m, new Random(5));
      var head = new SequenceClassificationHead(384, 3, 0f, m, new Random(6));
      NDArray inputIds = m.create(new long[] {101, 2023, 2003, 1037, 3231, 1012, 102,
          101, 7592, 2088, 102, 0, 0, 0}, new Shape(2, 7));
      NDArray mask = m.create(new long[] {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0}, new Shape(2, 7));
      EncoderInputs in = new EncoderInputs(inputIds, inputIds.zerosLike(), mask);
      NDArray labels = m.create(new float[] {2, 0});

      NDArray[] params = method.parameters().arrays().toArray(new NDArray[0]);
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        gc.backward(head.loss(model, method, in, labels, false));
      }
      JniUtils.setGradMode(false);
      Random r = new Random(9);
      for (int trial = 0; trial < 3; trial++) {
        // A random direction of unit norm over all prefix parameters.
        NDArray[] directions = new NDArray[params.length];
        double squaredNorm = 0;
        for (int i = 0; i < params.length; i++) {
          directions[i] = m.randomNormal(params[i].getShape()).toType(DataType.FLOAT32, false);
          squaredNorm += directions[i].square().sum().getFloat();
        }
        double analytic = 0;
        for (int i = 0; i < params.length; i++) {
          directions[i] = directions[i].div((float) Math.sqrt(squaredNorm));
          analytic += params[i].getGradient().mul(directions[i]).sum().getFloat();
        }
        float h = 5e-2f;
        double plus = shiftedLoss(head, model, method, in, labels, params, directions, h);
        double minus = shiftedLoss(head, model, method, in, labels, params, directions, -2 * h);
        shiftedLoss(head, model, method, in, labels, params, directions, h); // restore
        double numeric = (plus - minus) / (2 * h);
        System.out.printf("direction %d: analytic %.7f numeric %.7f%n", trial, analytic, numeric);
        assertTrue(Math.abs(analytic) > 1e-4, "degenerate direction");
        assertEquals(analytic, numeric, 0.02 * Math.abs(analytic));
      }
    }
  }

  private static double shiftedLoss(SequenceClassificationHead head, BertModel model,
      TuningMethod method, EncoderInputs in, NDArray labels, NDArray[] params, NDArray[] dirs,
      float step) {
    for (int i = 0; i < params.length; i++) {
      params[i].addi(dirs[i].mul(step));
    }
    return head.loss(model, method, in, labels, false).getFloat();
  }
}
