package ptune.backbone.tokenizer;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * BERT's text normalization and word splitting, as Hugging Face's {@code BertNormalizer} followed by
 * {@code BertPreTokenizer} (tokenizers/src/normalizers/bert.rs, pre_tokenizers/bert.rs) do it:
 *
 * <ol>
 *   <li>clean: drop NUL, U+FFFD and control/format/unassigned/private-use characters (Unicode
 *       category C*, except tab, newline, carriage return, which count as whitespace);
 *   <li>put spaces around CJK ideographs so each becomes its own word;
 *   <li>if stripping accents: NFD, then drop non-spacing marks (Mn); if lowercasing: lowercase;
 *   <li>split on whitespace (dropped) and on punctuation (kept, one character per word). BERT's
 *       punctuation is every ASCII symbol plus the Unicode P* categories.
 * </ol>
 *
 * Every normalized character remembers the original character it came from, so a word's span in
 * the original text is [start of its first character, end of its last).
 */
final class BasicTokenizer {

  /** A word: normalized code points, each with its source character's [start, end) in the text. */
  record Word(int[] codePoints, int[] starts, int[] ends) {
    int length() {
      return codePoints.length;
    }

    String text(int from, int to) {
      return new String(codePoints, from, to - from);
    }
  }

  private final boolean lowercase;
  private final boolean stripAccents;

  BasicTokenizer(boolean lowercase, boolean stripAccents) {
    this.lowercase = lowercase;
    this.stripAccents = stripAccents;
  }

  /** Words of {@code text[from, to)}; spans are indices into {@code text}. */
  List<Word> split(String text, int from, int to) {
    List<Word> words = new ArrayList<>();
    WordBuilder word = new WordBuilder();
    for (int i = from; i < to; ) {
      int cp = text.codePointAt(i);
      int next = i + Character.charCount(cp);
      if (cp == 0 || cp == 0xFFFD || isControl(cp)) {
        // removed by cleaning: neither a character nor a word boundary
      } else if (isWhitespace(cp)) {
        word.finishInto(words);
      } else if (isCjkIdeograph(cp)) {
        word.finishInto(words);
        for (int n : normalize(cp)) {
          word.add(n, i, next);
        }
        word.finishInto(words);
      } else {
        for (int n : normalize(cp)) {
          if (isPunctuation(n)) {
            word.finishInto(words);
            word.add(n, i, next);
            word.finishInto(words);
          } else {
            word.add(n, i, next);
          }
        }
      }
      i = next;
    }
    word.finishInto(words);
    return words;
  }

  /** Accent stripping then lowercasing of one character, in BertNormalizer's order. */
  private int[] normalize(int cp) {
    if (cp < 0x80) { // ASCII: no accents, simple case mapping
      return new int[] {lowercase && cp >= 'A' && cp <= 'Z' ? cp + ('a' - 'A') : cp};
    }
    String s = Character.toString(cp);
    if (stripAccents) {
      s = Normalizer.normalize(s, Normalizer.Form.NFD)
          .codePoints()
          .filter(c -> Character.getType(c) != Character.NON_SPACING_MARK)
          .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
          .toString();
    }
    if (lowercase) {
      // Locale.ROOT: full Unicode lowercasing like Rust's char::to_lowercase ("İ" -> "i̇").
      s = s.toLowerCase(Locale.ROOT);
    }
    return s.codePoints().toArray();
  }

  /** Tab, newline and carriage return are whitespace here even though they are controls. */
  private static boolean isWhitespace(int cp) {
    return cp == '\t' || cp == '\n' || cp == '\r' || Character.isSpaceChar(cp);
  }

  /** Unicode "Other" (Cc, Cf, Cn, Co, Cs), minus the three whitespace controls. */
  private static boolean isControl(int cp) {
    if (cp == '\t' || cp == '\n' || cp == '\r') {
      return false;
    }
    int type = Character.getType(cp);
    return type == Character.CONTROL || type == Character.FORMAT || type == Character.UNASSIGNED
        || type == Character.PRIVATE_USE || type == Character.SURROGATE;
  }

  /** The CJK Unified Ideographs blocks BERT isolates (not Hiragana, Katakana or Hangul). */
  private static boolean isCjkIdeograph(int cp) {
    return (cp >= 0x4E00 && cp <= 0x9FFF)
        || (cp >= 0x3400 && cp <= 0x4DBF)
        || (cp >= 0x20000 && cp <= 0x2A6DF)
        || (cp >= 0x2A700 && cp <= 0x2B73F)
        || (cp >= 0x2B740 && cp <= 0x2B81F)
        || (cp >= 0x2B920 && cp <= 0x2CEAF)
        || (cp >= 0xF900 && cp <= 0xFAFF)
        || (cp >= 0x2F800 && cp <= 0x2FA1F);
  }

  /** ASCII symbols such as {@code $ + < = > ^ ` | ~} count as punctuation for BERT. */
  private static boolean isPunctuation(int cp) {
    if ((cp >= 33 && cp <= 47) || (cp >= 58 && cp <= 64) || (cp >= 91 && cp <= 96)
        || (cp >= 123 && cp <= 126)) {
      return true;
    }
    return switch (Character.getType(cp)) {
      case Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION,
          Character.START_PUNCTUATION, Character.END_PUNCTUATION,
          Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
          Character.OTHER_PUNCTUATION -> true;
      default -> false;
    };
  }

  /** Accumulates the characters of the word being read. */
  private static final class WordBuilder {
    private int[] codePoints = new int[16];
    private int[] starts = new int[16];
    private int[] ends = new int[16];
    private int length;

    void add(int cp, int start, int end) {
      if (length == codePoints.length) {
        codePoints = Arrays.copyOf(codePoints, length * 2);
        starts = Arrays.copyOf(starts, length * 2);
        ends = Arrays.copyOf(ends, length * 2);
      }
      codePoints[length] = cp;
      starts[length] = start;
      ends[length] = end;
      length++;
    }

    void finishInto(List<Word> words) {
      if (length > 0) {
        words.add(new Word(Arrays.copyOf(codePoints, length), Arrays.copyOf(starts, length),
            Arrays.copyOf(ends, length)));
        length = 0;
      }
    }
  }
}
