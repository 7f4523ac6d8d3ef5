package ptune.features;

import java.util.ArrayList;
import java.util.List;
import ptune.dataset.LabelSet;

/**
 * A token-classification input with its labels.
 *
 * @param labels one per input token: the word's label id on the first sub-token of each word,
 *     {@link TokenTaggingEncoder#IGNORED} on every other position (special tokens, later sub-tokens,
 *     the appended SRL predicate)
 * @param firstTokenOfWord for each word of the example, the input position of its first sub-token,
 *     or -1 when truncation dropped the word; used to map predictions back to words
 */
public record TaggingFeatures(EncodedInput input, int[] labels, int[] firstTokenOfWord) {

  /**
   * Truncation only cuts the end of a sentence, and every word has a token ({@link WordTokens}), so a
   * word without a position can only be followed by more such words: anything else would silently
   * drop the rest of the sentence from training and scoring.
   */
  public TaggingFeatures {
    int kept = leadingKeptWords(firstTokenOfWord);
    for (int word = kept; word < firstTokenOfWord.length; word++) {
      if (firstTokenOfWord[word] >= 0) {
        throw new IllegalArgumentException("word " + kept + " has no input position but word " + word
            + " has one: only truncation at the end may drop words");
      }
    }
  }

  /** Words that kept their first sub-token; truncation only drops words at the end. */
  public int keptWords() {
    return leadingKeptWords(firstTokenOfWord);
  }

  private static int leadingKeptWords(int[] firstTokenOfWord) {
    int kept = 0;
    while (kept < firstTokenOfWord.length && firstTokenOfWord[kept] >= 0) {
      kept++;
    }
    return kept;
  }

  /**
   * The predicted tag of each kept word, read at its first sub-token. Like the official evaluation,
   * which only scores positions with a label, truncated words get no prediction: compare with the
   * first {@link #keptWords()} gold tags.
   *
   * @param predictedPerToken predicted label id per input position
   */
  public List<String> wordTags(int[] predictedPerToken, LabelSet tagNames) {
    List<String> tags = new ArrayList<>(keptWords());
    for (int word = 0; word < keptWords(); word++) {
      tags.add(tagNames.name(predictedPerToken[firstTokenOfWord[word]]));
    }
    return tags;
  }
}
