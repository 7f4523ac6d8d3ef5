package ptune.method;

/** Where a method puts trainable prompt vectors, which decides what the driver checks before a trial. */
public enum PromptPlacement {
  /** No prompt: fine-tuning, or a method that adapts weights (an adapter, LoRA). */
  NONE,
  /** P vectors in front of the input embeddings (pt). */
  INPUT,
  /** Prefix keys and values at every prompted layer (pt2); real tokens may be shifted by P. */
  EVERY_LAYER;

  /** Positions in front of the input that count against the backbone's position table. */
  public int positionsUsed(PromptConfig config) {
    return switch (this) {
      case NONE -> 0;
      case INPUT -> config.length();
      case EVERY_LAYER -> config.shiftPositions() ? config.length() : 0;
    };
  }
}
