package ptune.model;

import ai.djl.ndarray.NDArray;

/**
 * {@code x * s} for arrays that take part in a backward pass. Never {@code x.mul(s)} there: DJL's
 * mul(Number) wraps s in a scalar array over a Java direct buffer and closes it at once, while
 * libtorch's autograd keeps a pointer to that scalar for the backward pass. When a GC freed the
 * buffer in between, gradients were computed from freed memory (garbage, inf, NaN), which made
 * prompt-tuning trials diverge at random (GarbageCollectionBeforeBackwardTest). Here the scalar
 * belongs to x's manager, so it lives until the step's arrays are closed, after the backward pass.
 */
public final class Scale {
  private Scale() {}

  public static NDArray by(NDArray x, float s) {
    return x.mul(x.getManager().create(s));
  }
}
