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

  /** Words that kept their first sub-token; truncation only drops words at the end. */
  public int keptWords() {
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
