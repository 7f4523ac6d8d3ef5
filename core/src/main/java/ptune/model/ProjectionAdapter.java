package ptune.model;

import ai.djl.ndarray.NDArray;

/**
 * A trainable change to one attention projection of one layer, added to its output: the hook a
 * LoRA method needs (delta(x) = scale * x A^T B^T on query and value). PEFT replaces the layer's
 * nn.Linear modules; here a method attaches an adapter to {@link BertModel#selfAttention} and
 * registers the adapter's matrices as its trainable parameters. A layer without one computes the
 * plain projection.
 */
@FunctionalInterface
public interface ProjectionAdapter {

  /** The attention projections an adapter can change. */
  enum Projection {
    QUERY,
    KEY,
    VALUE
  }

  /**
   * @param x the projection's input [B, T, H]
   * @return what to add to W x + b, [B, T, H]
   */
  NDArray delta(NDArray x);
}
