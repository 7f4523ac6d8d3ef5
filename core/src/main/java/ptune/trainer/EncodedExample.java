package ptune.trainer;

/**
 * One example as token ids: a single encoder row for classification, tagging and QA windows, one
 * row per choice for multiple choice. Rows are unpadded; batches pad them dynamically.
 *
 * @param inputIds rows of token ids, special tokens included
 * @param tokenTypeIds rows of token type ids, same lengths
 * @param target what the head is trained to predict for this example
 */
public record EncodedExample(int[][] inputIds, int[][] tokenTypeIds, Target target) {
  public EncodedExample {
    if (inputIds.length == 0 || inputIds.length != tokenTypeIds.length) {
      throw new IllegalArgumentException("an example needs one or more rows of ids and types");
    }
    boolean perRowTarget = target instanceof Target.PerToken || target instanceof Target.Span;
    if (perRowTarget && inputIds.length != 1) {
      throw new IllegalArgumentException("token and span targets need exactly one row");
    }
    if (target instanceof Target.PerToken t && t.labels().length != inputIds[0].length) {
      throw new IllegalArgumentException(
          t.labels().length + " token labels for a row of " + inputIds[0].length + " tokens");
    }
  }

  /** An example labelled as a whole (class index, regression target or right choice). */
  public EncodedExample(int[][] inputIds, int[][] tokenTypeIds, float label) {
    this(inputIds, tokenTypeIds, new Target.Value(label));
  }

  public static EncodedExample single(int[] ids, int[] types, float label) {
    return new EncodedExample(new int[][] {ids}, new int[][] {types}, label);
  }

  public static EncodedExample single(int[] ids, int[] types, Target target) {
    return new EncodedExample(new int[][] {ids}, new int[][] {types}, target);
  }

  /** The whole-example label; only for examples with a {@link Target.Value} target. */
  public float label() {
    if (target instanceof Target.Value v) {
      return v.value();
    }
    throw new IllegalStateException("this example has a " + target.getClass().getSimpleName()
        + " target, not one label");
  }

  public int rows() {
    return inputIds.length;
  }

  public int maxLength() {
    int max = 0;
    for (int[] row : inputIds) {
      max = Math.max(max, row.length);
    }
    return max;
  }
}
