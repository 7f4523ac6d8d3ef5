package ptune.cli.commands.model;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.List;

/**
 * The update of {@code ptune.trainer.Trainer} for the benchmark, op for op: global-norm gradient
 * clipping as its {@code applyUpdate} does it, then AdamW as {@code ptune.trainer.AdamW} computes
 * it, then zeroing the gradients in place. Both are package-private in core, so the same arithmetic
 * is restated here; keep it in step with them.
 */
final class BenchAdamW {
  private final List<NDArray> params;
  private final List<NDArray> m = new ArrayList<>();
  private final List<NDArray> v = new ArrayList<>();
  private final double beta1 = 0.9;
  private final double beta2 = 0.999;
  private final double eps = 1e-8;
  private final double weightDecay;
  private long step;

  BenchAdamW(List<NDArray> params, double weightDecay) {
    this.params = params;
    this.weightDecay = weightDecay;
    for (NDArray p : params) {
      m.add(p.zerosLike());
      v.add(p.zerosLike());
    }
  }

  /** Clip (as Trainer.applyUpdate), AdamW step (as AdamW.step), zero the gradients. */
  void update(double lr, double maxGradNorm) {
    List<NDArray> grads = new ArrayList<>();
    for (NDArray p : params) {
      grads.add(p.getGradient());
    }
    double squared = 0;
    for (NDArray g : grads) {
      squared += g.square().sum().getFloat();
    }
    double norm = Math.sqrt(squared);
    if (maxGradNorm > 0 && norm > maxGradNorm) {
      float scale = (float) (maxGradNorm / (norm + 1e-6));
      for (NDArray g : grads) {
        g.muli(scale);
      }
    }
    step++;
    double bc1 = 1 - Math.pow(beta1, step);
    double bc2 = 1 - Math.pow(beta2, step);
    for (int i = 0; i < params.size(); i++) {
      NDArray p = params.get(i);
      NDArray g = grads.get(i);
      m.get(i).muli(beta1).addi(g.mul(1 - beta1));
      v.get(i).muli(beta2).addi(g.square().muli(1 - beta2));
      if (weightDecay > 0) {
        p.subi(p.mul(lr * weightDecay));
      }
      p.subi(m.get(i).div(v.get(i).div(bc2).sqrt().addi(eps)).muli(lr / bc1));
    }
    for (NDArray g : grads) {
      g.subi(g);
    }
  }
}
