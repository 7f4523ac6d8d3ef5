package ptune.features;

/**
 * One model input before padding: token ids and token type ids of equal length. The attention mask
 * is all ones over {@link #length()}; the trainer pads each batch to its own longest input.
 */
public record EncodedInput(int[] inputIds, int[] tokenTypeIds) {

  public EncodedInput {
    if (inputIds.length != tokenTypeIds.length) {
      throw new IllegalArgumentException(
          inputIds.length + " input ids but " + tokenTypeIds.length + " token type ids");
    }
  }

  /** Number of real tokens, i.e. the attention length. */
  public int length() {
    return inputIds.length;
  }
}
