package ptune.trainer;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.List;

/**
 * AdamW (Loshchilov & Hutter) as torch.optim.AdamW / HF's AdamW compute it: decoupled weight decay,
 * bias-corrected moments. Moments exist only for trainable arrays, so a frozen backbone carries no
 * optimizer state. {@link #moments} and {@link #restore} carry that state across a resumed run.
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

  /** Host copies of the first and second moments (in parameter order) and the step count. */
  public Moments moments() {
    List<float[]> first = new ArrayList<>();
    List<float[]> second = new ArrayList<>();
    for (int i = 0; i < params.size(); i++) {
      first.add(m.get(i).toFloatArray());
      second.add(v.get(i).toFloatArray());
    }
    return new Moments(step, first, second);
  }

  /** Continues from {@code saved}: the moments and step count another run reached. */
  public void restore(Moments saved) {
    if (saved.first().size() != params.size() || saved.second().size() != params.size()) {
      throw new IllegalArgumentException("optimizer state for " + saved.first().size()
          + " arrays, this optimizer updates " + params.size());
    }
    for (int i = 0; i < params.size(); i++) {
      long size = params.get(i).getShape().size();
      if (saved.first().get(i).length != size || saved.second().get(i).length != size) {
        throw new IllegalArgumentException("optimizer moments of array " + i + " have "
            + saved.first().get(i).length + "/" + saved.second().get(i).length
            + " values, the parameter has " + size);
      }
      m.get(i).set(saved.first().get(i));
      v.get(i).set(saved.second().get(i));
    }
    step = saved.step();
  }

  /**
   * AdamW's state: the steps taken and, per parameter, the moments.
   *
   * @param first exponential moving averages of the gradients, one per parameter
   * @param second exponential moving averages of the squared gradients
   */
  public record Moments(long step, List<float[]> first, List<float[]> second) {}

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
