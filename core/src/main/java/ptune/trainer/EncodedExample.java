package ptune.trainer;

/**
 * One example as token ids: a single encoder row for classification, one row per choice for
 * multiple choice. Rows are unpadded; batches pad them dynamically.
 *
 * @param inputIds rows of token ids, special tokens included
 * @param tokenTypeIds rows of token type ids, same lengths
 * @param label class index (or regression target) for the whole example
 */
public record EncodedExample(int[][] inputIds, int[][] tokenTypeIds, float label) {
  public EncodedExample {
    if (inputIds.length == 0 || inputIds.length != tokenTypeIds.length) {
      throw new IllegalArgumentException("an example needs one or more rows of ids and types");
    }
  }

  public static EncodedExample single(int[] ids, int[] types, float label) {
    return new EncodedExample(new int[][] {ids}, new int[][] {types}, label);
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
