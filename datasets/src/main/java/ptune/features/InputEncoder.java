package ptune.features;

import java.util.Arrays;
import java.util.List;
import ptune.dataset.MultipleChoiceExample;
import ptune.dataset.SentencePairExample;

/**
 * Encodes sentence-classification inputs (one or two segments) with the backbone's template and
 * truncation to {@code maxLength} tokens including special tokens, like the Hugging Face tokenizer
 * call in the official code ({@code truncation=True} means longest-first).
 */
public final class InputEncoder {

  private final SubwordTokenizer tokenizer;
  private final SegmentFramer framer;
  private final int maxLength;
  private final TruncationStrategy truncation;

  public InputEncoder(SubwordTokenizer tokenizer, int maxLength, TruncationStrategy truncation) {
    this.tokenizer = tokenizer;
    this.framer = new SegmentFramer(tokenizer);
    this.maxLength = maxLength;
    this.truncation = truncation;
  }

  public InputEncoder(SubwordTokenizer tokenizer, int maxLength) {
    this(tokenizer, maxLength, TruncationStrategy.LONGEST_FIRST);
  }

  public EncodedInput encode(String text) {
    int[] ids = tokenizer.tokenize(text).ids();
    int budget = maxLength - framer.count(false);
    if (budget < 0) {
      throw new IllegalArgumentException("max length " + maxLength + " leaves no room for special tokens");
    }
    return framer.frame(Arrays.copyOf(ids, Math.min(ids.length, budget)), null);
  }

  /**
   * @param second null encodes {@code first} alone
   * @throws IllegalArgumentException when only-first/only-second cannot shorten enough
   */
  public EncodedInput encode(String first, String second) {
    if (second == null) {
      return encode(first);
    }
    int[] a = tokenizer.tokenize(first).ids();
    int[] b = tokenizer.tokenize(second).ids();
    int excess = a.length + b.length + framer.count(true) - maxLength;
    int cutA = 0;
    int cutB = 0;
    if (excess > 0) {
      switch (truncation) {
        case LONGEST_FIRST -> {
          for (int i = 0; i < excess; i++) {
            if (a.length - cutA > b.length - cutB) {
              cutA++;
            } else {
              cutB++;
            }
          }
        }
        case ONLY_FIRST -> cutA = excess;
        case ONLY_SECOND -> cutB = excess;
      }
      if (cutA > a.length || cutB > b.length) {
        throw new IllegalArgumentException(
            "cannot fit segments of " + a.length + " and " + b.length + " tokens into " + maxLength
                + " with " + truncation);
      }
    }
    return framer.frame(Arrays.copyOf(a, a.length - cutA), Arrays.copyOf(b, b.length - cutB));
  }

  /** The example's (templated) segments. */
  public EncodedInput encode(SentencePairExample example) {
    return encode(example.textA(), example.textB());
  }

  /** One input per choice, each the context paired with that choice (the official COPA input). */
  public List<EncodedInput> encodeChoices(MultipleChoiceExample example) {
    return example.choices().stream().map(choice -> encode(example.context(), choice)).toList();
  }
}
