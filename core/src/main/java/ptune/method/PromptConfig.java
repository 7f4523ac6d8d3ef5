package ptune.method;

/**
 * The knobs of the prompt methods, with the official P-tuning v2 defaults.
 *
 * @param length prompt length P (pre_seq_len)
 * @param depth number of layers that receive prefixes (P-tuning v2); the full depth by default
 * @param depthFromTop when depth is below the layer count, give prefixes to the layers closest to the
 *     output (true) or to the input (false); the paper's depth ablation compares both
 * @param projection reparameterize the prompts through an MLP (prefix_projection)
 * @param projectionHidden hidden size of that MLP (prefix_hidden_size)
 * @param dropout dropout on the prefix keys/values (official: hidden_dropout_prob)
 * @param shiftPositions give real tokens positions P..P+T-1 as Hugging Face does when prefixes come as
 *     past keys (official behaviour); false keeps their pretrained positions 0..T-1
 */
public record PromptConfig(
    int length,
    int depth,
    boolean depthFromTop,
    boolean projection,
    int projectionHidden,
    float dropout,
    boolean shiftPositions) {

  /** The official prefix_hidden_size; the trial key {@code prefix_hidden} defaults to it. */
  public static final int DEFAULT_PROJECTION_HIDDEN = 512;
  /** The official hidden_dropout_prob; the trial key {@code dropout} defaults to it. */
  public static final double DEFAULT_DROPOUT = 0.1;

  public static PromptConfig defaults(int length, int numLayers) {
    return new PromptConfig(length, numLayers, false, false, DEFAULT_PROJECTION_HIDDEN,
        (float) DEFAULT_DROPOUT, true);
  }

  /** This config with the prompts reparameterized through an MLP of that hidden size. */
  public PromptConfig withProjection(int hiddenSize) {
    return new PromptConfig(length, depth, depthFromTop, true, hiddenSize, dropout, shiftPositions);
  }

  /** This config with the prompts as a free table, as a folded checkpoint holds them. */
  public PromptConfig withoutProjection() {
    return new PromptConfig(length, depth, depthFromTop, false, projectionHidden, dropout,
        shiftPositions);
  }

  public PromptConfig withDropout(float p) {
    return new PromptConfig(length, depth, depthFromTop, projection, projectionHidden, p, shiftPositions);
  }

  public PromptConfig {
    if (length < 0) {
      throw new IllegalArgumentException("prefix_len must be >= 0, got " + length);
    }
    if (depth < 0) {
      throw new IllegalArgumentException("prefix_depth must be >= 0, got " + depth);
    }
  }
}
