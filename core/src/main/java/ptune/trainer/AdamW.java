package ptune.trainer;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.List;

/**
 * AdamW (Loshchilov & Hutter) as torch.optim.AdamW / HF's AdamW compute it: decoupled weight decay,
 * bias-corrected moments. Moments exist only for trainable arrays, so a frozen backbone carries no
 * optimizer state.
 */
public final class AdamW {
  private final List<NDArray> params;
  private final List<NDArray> m = new ArrayList<>();
  private final List<NDArray> v = new ArrayList<>();
  private final double beta1 = 0.9;
  private final double beta2 = 0.999;
  private final double eps = 1e-8;
  private final double weightDecay;
  private long step;

  public AdamW(List<NDArray> params, double weightDecay) {
    this.params = params;
    this.weightDecay = weightDecay;
    for (NDArray p : params) {
      m.add(p.zerosLike());
      v.add(p.zerosLike());
    }
  }

  /**
   * One optimizer step from the gradients the backward passes left on the parameters: clip their
   * global norm to {@code maxGradNorm} (torch's clip_grad_norm_; 0 = no clipping), apply AdamW with
   * learning rate {@code lr}, zero the gradients. Call it inside an {@link ai.djl.ndarray.NDScope}:
   * the temporaries would otherwise live as long as the parameters.
   */
  public void update(double lr, double maxGradNorm) {
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
    step(grads, lr);
    for (NDArray g : grads) {
      g.subi(g); // zero in place: the handle shares the parameter's .grad storage
    }
  }

  private void step(List<NDArray> grads, double lr) {
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
  }
}
