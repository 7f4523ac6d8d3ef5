package ptune.features;

import java.util.ArrayList;
import java.util.List;

/**
 * Subword tokens of a pre-split sentence, each tagged with the word it came from. The words are
 * joined with single spaces and tokenized once; character offsets then tell which word a token
 * belongs to. RoBERTa's byte-level BPE marks word starts by a leading space, so for that family the
 * text gets a leading space as well, like Hugging Face's {@code add_prefix_space=True} for
 * pre-split words.
 *
 * <p>A word the tokenizer drops entirely (a lone U+FE0F variation selector, a zero-width space, a
 * control character: WordPiece's normalization strips them) becomes the tokenizer's unknown token,
 * so every word keeps a position, a label and a prediction; otherwise the word and everything
 * after it would look truncated.
 *
 * @param wordOf for each token, the index of its word
 */
public record WordTokens(int[] ids, int[] wordOf) {

  public static WordTokens of(SubwordTokenizer tokenizer, List<String> words) {
    String prefix = tokenizer.template() == SubwordTokenizer.Template.ROBERTA ? " " : "";
    StringBuilder text = new StringBuilder(prefix);
    int[] wordEnds = new int[words.size()];
    for (int w = 0; w < words.size(); w++) {
      if (w > 0) {
        text.append(' ');
      }
      text.append(words.get(w));
      wordEnds[w] = text.length();
    }
    SubwordTokenizer.TokenizedText tokens = tokenizer.tokenize(text.toString());
    List<Integer> ids = new ArrayList<>(tokens.size() + 1);
    List<Integer> owners = new ArrayList<>(tokens.size() + 1);
    int word = 0;
    boolean wordHasToken = false;
    for (int t = 0; t < tokens.size(); t++) {
      // A token belongs to the word whose end lies after the token's first character.
      while (word < words.size() - 1 && tokens.starts()[t] >= wordEnds[word]) {
        if (!wordHasToken) {
          ids.add(tokenizer.unkId());
          owners.add(word);
        }
        word++;
        wordHasToken = false;
      }
      ids.add(tokens.ids()[t]);
      owners.add(word);
      wordHasToken = true;
    }
    for (; word < words.size(); word++) {
      if (!wordHasToken) {
        ids.add(tokenizer.unkId());
        owners.add(word);
      }
      wordHasToken = false;
    }
    return new WordTokens(ids.stream().mapToInt(Integer::intValue).toArray(),
        owners.stream().mapToInt(Integer::intValue).toArray());
  }

  public int size() {
    return ids.length;
  }
}
