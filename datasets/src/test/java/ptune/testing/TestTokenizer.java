package ptune.testing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import ptune.features.SubwordTokenizer;

/**
 * A predictable stand-in for the real tokenizers: splits on whitespace, makes each punctuation
 * character its own token, and cuts words longer than {@code pieceLength} characters into pieces
 * ("international" with piece length 5 gives "inter", "##natio", "##nal"), so that multi-token
 * words occur. Ids are handed out on first sight, after the five special tokens.
 */
public final class TestTokenizer implements SubwordTokenizer {

  public static final int PAD = 0;
  public static final int UNK = 1;
  public static final int CLS = 2;
  public static final int SEP = 3;
  public static final int MASK = 4;

  private final Template template;
  private final int pieceLength;
  private final Map<String, Integer> ids = new HashMap<>();
  private final List<String> tokens = new ArrayList<>(List.of("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"));

  public TestTokenizer(Template template, int pieceLength) {
    this.template = template;
    this.pieceLength = pieceLength;
    for (int i = 0; i < tokens.size(); i++) {
      ids.put(tokens.get(i), i);
    }
  }

  public static TestTokenizer bert() {
    return new TestTokenizer(Template.BERT, 5);
  }

  @Override
  public TokenizedText tokenize(String text) {
    List<int[]> spans = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (isPunctuation(c)) {
        spans.add(new int[] {i, i + 1});
        i++;
      } else {
        int end = i;
        while (end < text.length() && !Character.isWhitespace(text.charAt(end)) && !isPunctuation(text.charAt(end))) {
          end++;
        }
        for (int start = i; start < end; start += pieceLength) {
          spans.add(new int[] {start, Math.min(start + pieceLength, end)});
        }
        i = end;
      }
    }
    int[] tokenIds = new int[spans.size()];
    int[] starts = new int[spans.size()];
    int[] ends = new int[spans.size()];
    for (int t = 0; t < spans.size(); t++) {
      int[] span = spans.get(t);
      boolean continuation = span[0] > 0 && !Character.isWhitespace(text.charAt(span[0] - 1))
          && !isPunctuation(text.charAt(span[0] - 1)) && !isPunctuation(text.charAt(span[0]));
      String token = (continuation ? "##" : "") + text.substring(span[0], span[1]);
      tokenIds[t] = idOf(token);
      starts[t] = span[0];
      ends[t] = span[1];
    }
    return new TokenizedText(tokenIds, starts, ends);
  }

  private int idOf(String token) {
    return ids.computeIfAbsent(token, t -> {
      tokens.add(t);
      return tokens.size() - 1;
    });
  }

  private static boolean isPunctuation(char c) {
    return !Character.isLetterOrDigit(c) && !Character.isWhitespace(c);
  }

  @Override
  public Template template() {
    return template;
  }

  @Override
  public int clsId() {
    return CLS;
  }

  @Override
  public int sepId() {
    return SEP;
  }

  @Override
  public int padId() {
    return PAD;
  }

  @Override
  public int maskId() {
    return MASK;
  }

  @Override
  public int unkId() {
    return UNK;
  }

  @Override
  public int vocabSize() {
    return tokens.size();
  }

  @Override
  public String idToToken(int id) {
    return tokens.get(id);
  }

  @Override
  public int tokenToId(String token) {
    return ids.getOrDefault(token, UNK);
  }
}
