package ptune.features;

import java.util.Arrays;
import java.util.List;
import ptune.dataset.LabelSet;
import ptune.dataset.TokenTaggingExample;

/**
 * Encodes NER and SRL examples as the official code does: only the first sub-token of a word carries
 * the word's label, the rest get {@link #IGNORED}. For SRL the input is the sentence, then a
 * separator and the predicate word, as one segment, so every token has type 0; the appended tokens
 * carry no labels.
 */
public final class TokenTaggingEncoder {

  /** The label value the loss skips (PyTorch's CrossEntropyLoss default ignore index). */
  public static final int IGNORED = -100;

  private final SubwordTokenizer tokenizer;
  private final LabelSet labels;
  private final int maxLength;

  public TokenTaggingEncoder(SubwordTokenizer tokenizer, LabelSet labels, int maxLength) {
    this.tokenizer = tokenizer;
    this.labels = labels;
    this.maxLength = maxLength;
  }

  public TaggingFeatures encode(TokenTaggingExample example) {
    WordTokens sentence = WordTokens.of(tokenizer, example.words());
    int[] appended = new int[0];
    if (example.hasPredicate()) {
      int[] predicate = WordTokens.of(tokenizer, List.of(example.words().get(example.predicateIndex()))).ids();
      appended = new int[predicate.length + 1];
      appended[0] = tokenizer.sepId();
      System.arraycopy(predicate, 0, appended, 1, predicate.length);
    }
    // Truncation cuts the end of the whole sequence, as HF does for a single segment, so a long
    // sentence loses its appended predicate first.
    int budget = maxLength - 2;
    int sentenceTokens = Math.min(sentence.size(), budget);
    int appendedTokens = Math.min(appended.length, budget - sentenceTokens);
    int[] body = new int[sentenceTokens + appendedTokens];
    System.arraycopy(sentence.ids(), 0, body, 0, sentenceTokens);
    System.arraycopy(appended, 0, body, sentenceTokens, appendedTokens);
    EncodedInput input = new SegmentFramer(tokenizer).frame(body, null);

    int[] tokenLabels = new int[input.length()];
    Arrays.fill(tokenLabels, IGNORED);
    int[] firstToken = new int[example.words().size()];
    Arrays.fill(firstToken, -1);
    for (int t = 0; t < sentenceTokens; t++) {
      int word = sentence.wordOf()[t];
      if (firstToken[word] == -1) {
        int position = t + 1;
        firstToken[word] = position;
        tokenLabels[position] = labels.indexOf(example.tags().get(word), "tags");
      }
    }
    return new TaggingFeatures(input, tokenLabels, firstToken);
  }
}
