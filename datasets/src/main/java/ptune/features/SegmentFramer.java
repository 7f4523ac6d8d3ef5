package ptune.features;

import java.util.Arrays;

/**
 * Frames one or two token segments with the family's special tokens: BERT
 * {@code [CLS] A [SEP] B [SEP]} with token types 0 then 1, RoBERTa {@code <s> A </s></s> B </s>}
 * with token types all 0.
 */
final class SegmentFramer {

  private final SubwordTokenizer tokenizer;

  SegmentFramer(SubwordTokenizer tokenizer) {
    this.tokenizer = tokenizer;
  }

  /** Tokens the template adds around one segment, or two when {@code pair}. */
  int count(boolean pair) {
    if (!pair) {
      return 2;
    }
    return tokenizer.template() == SubwordTokenizer.Template.BERT ? 3 : 4;
  }

  /** Index of the first token of segment A in the framed input. */
  int firstSegmentOffset() {
    return 1;
  }

  /** Index of the first token of segment B, given the length of segment A. */
  int secondSegmentOffset(int firstLength) {
    return 1 + firstLength + (tokenizer.template() == SubwordTokenizer.Template.BERT ? 1 : 2);
  }

  /**
   * @param second null for a single segment
   */
  EncodedInput frame(int[] first, int[] second) {
    boolean pair = second != null;
    int total = first.length + (pair ? second.length : 0) + count(pair);
    int[] ids = new int[total];
    int[] types = new int[total];
    int at = 0;
    ids[at++] = tokenizer.clsId();
    System.arraycopy(first, 0, ids, at, first.length);
    at += first.length;
    ids[at++] = tokenizer.sepId();
    if (pair) {
      if (tokenizer.template() == SubwordTokenizer.Template.ROBERTA) {
        ids[at++] = tokenizer.sepId();
      }
      int secondStart = at;
      System.arraycopy(second, 0, ids, at, second.length);
      at += second.length;
      ids[at++] = tokenizer.sepId();
      if (tokenizer.template() == SubwordTokenizer.Template.BERT) {
        Arrays.fill(types, secondStart, total, 1);
      }
    }
    return new EncodedInput(ids, types);
  }
}
