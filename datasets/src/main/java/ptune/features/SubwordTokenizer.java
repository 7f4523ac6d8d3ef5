package ptune.features;

/**
 * The backbone's subword tokenizer, as feature building sees it. Implementations live in the core
 * module (WordPiece over vocab.txt, Hugging Face tokenizer.json through DJL); features only need
 * ids, character offsets and the special tokens of the family's input template.
 */
public interface SubwordTokenizer {

  /** How special tokens frame one or two segments. */
  enum Template {
    /** {@code [CLS] A [SEP]} and {@code [CLS] A [SEP] B [SEP]}, token types 0 then 1. */
    BERT,
    /** {@code <s> A </s>} and {@code <s> A </s></s> B </s>}, token types all 0. */
    ROBERTA
  }

  /**
   * Tokenizes raw text without adding special tokens.
   *
   * @return token ids and, for each token, its [start, end) character offsets in {@code text}
   */
  TokenizedText tokenize(String text);

  Template template();

  int clsId();

  int sepId();

  int padId();

  int maskId();

  int unkId();

  int vocabSize();

  String idToToken(int id);

  /** Id of a token string, or {@link #unkId()} when it is not in the vocabulary. */
  int tokenToId(String token);

  /** Ids, and per-token [start, end) character offsets into the tokenized text. */
  record TokenizedText(int[] ids, int[] starts, int[] ends) {
    public int size() {
      return ids.length;
    }
  }
}
