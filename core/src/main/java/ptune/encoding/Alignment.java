package ptune.encoding;

/**
 * How an example's encoder rows line up with the example itself, which decoding its predictions
 * needs: nothing for whole-example labels, the words for tagging, the context characters for QA
 * windows. Part of what preprocessing stores, so that stored rows decode exactly as fresh ones.
 */
public sealed interface Alignment {

  /** Whole-example rows (classification, regression, multiple choice): nothing to map back. */
  Alignment NONE = new Whole();

  record Whole() implements Alignment {}

  /**
   * A tagged sentence's one row.
   *
   * @param firstTokenOfWord per word, the input position of its first sub-token, -1 where
   *     truncation dropped the word
   */
  record Words(int[] firstTokenOfWord) implements Alignment {}

  /**
   * A QA example's windows.
   *
   * @param starts per window, per input token, the start of its character span in the context, -1
   *     for question and special tokens
   * @param ends per window, per input token, the exclusive end of that span, -1 likewise
   */
  record Context(int[][] starts, int[][] ends) implements Alignment {
    public Context {
      if (starts.length != ends.length) {
        throw new IllegalArgumentException(starts.length + " windows of starts but " + ends.length + " of ends");
      }
    }
  }
}
