package ptune.method;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.core.Linear;
import java.util.Random;
import ptune.model.TrainableParameters;

/**
 * The reparameterization MLP of the official PrefixEncoder: Linear(in, hidden) -> tanh ->
 * Linear(hidden, out). Prompts are generated through it at every forward pass of a trial, in
 * training and evaluation alike; the saved checkpoint holds the prompts it generates instead of its
 * weights ({@link TuningMethod#foldedParameters}), so a loaded prompt runs without it.
 */
final class PromptMlp {
  private final NDArray w1, b1, w2, b2;

  PromptMlp(String prefix, TrainableParameters params, NDManager manager, Random random,
      int in, int hidden, int out) {
    w1 = params.linearDefault(prefix + ".0.weight", manager, random, in, hidden, in);
    b1 = params.linearDefault(prefix + ".0.bias", manager, random, in, hidden);
    w2 = params.linearDefault(prefix + ".2.weight", manager, random, hidden, out, hidden);
    b2 = params.linearDefault(prefix + ".2.bias", manager, random, hidden, out);
  }

  /** [..., in] to [..., out]. */
  NDArray forward(NDArray x) {
    NDArray h = Linear.linear(x, w1, b1).singletonOrThrow().tanh();
    return Linear.linear(h, w2, b2).singletonOrThrow();
  }
}
