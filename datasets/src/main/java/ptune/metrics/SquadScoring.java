package ptune.metrics;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The official SQuAD answer comparison: normalize (lower case, drop ASCII punctuation, drop the
 * articles a/an/the, collapse whitespace), then exact match and bag-of-tokens F1, taking the maximum
 * over the gold answers. ReCoRD's official script uses the same functions.
 */
public final class SquadScoring {

  private static final Pattern ARTICLES = Pattern.compile("(?U)\\b(a|an|the)\\b");
  /** Unicode whitespace, like Python's str.split(). */
  private static final Pattern WHITESPACE = Pattern.compile("(?U)\\s+");
  /** Python's string.punctuation. */
  private static final String PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

  private SquadScoring() {}

  public static String normalize(String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    StringBuilder kept = new StringBuilder(lower.length());
    for (int i = 0; i < lower.length(); i++) {
      if (PUNCTUATION.indexOf(lower.charAt(i)) < 0) {
        kept.append(lower.charAt(i));
      }
    }
    String noArticles = ARTICLES.matcher(kept).replaceAll(" ");
    return String.join(" ", words(noArticles));
  }

  public static double exactMatch(String prediction, String gold) {
    return normalize(prediction).equals(normalize(gold)) ? 1 : 0;
  }

  /**
   * Token F1 as in the SQuAD 2.0 script: when either side normalizes to no tokens, 1 if both do,
   * else 0. (The 1.1 script gives 0 when both are empty, which cannot happen with 1.1 gold answers.)
   */
  public static double f1(String prediction, String gold) {
    List<String> predicted = tokens(prediction);
    List<String> expected = tokens(gold);
    if (predicted.isEmpty() || expected.isEmpty()) {
      return predicted.equals(expected) ? 1 : 0;
    }
    Map<String, Integer> goldCounts = new HashMap<>();
    expected.forEach(token -> goldCounts.merge(token, 1, Integer::sum));
    int common = 0;
    for (String token : predicted) {
      Integer left = goldCounts.get(token);
      if (left != null && left > 0) {
        common++;
        goldCounts.put(token, left - 1);
      }
    }
    if (common == 0) {
      return 0;
    }
    double precision = (double) common / predicted.size();
    double recall = (double) common / expected.size();
    return 2 * precision * recall / (precision + recall);
  }

  /**
   * @param golds at least one gold answer; unanswerable SQuAD 2.0 questions use {@code [""]}
   */
  public static double maxExactMatch(String prediction, List<String> golds) {
    return golds.stream().mapToDouble(g -> exactMatch(prediction, g)).max().orElseThrow(
        () -> new IllegalArgumentException("no gold answers"));
  }

  public static double maxF1(String prediction, List<String> golds) {
    return golds.stream().mapToDouble(g -> f1(prediction, g)).max().orElseThrow(
        () -> new IllegalArgumentException("no gold answers"));
  }

  private static List<String> tokens(String text) {
    return words(normalize(text));
  }

  private static List<String> words(CharSequence text) {
    return Arrays.stream(WHITESPACE.split(text)).filter(word -> !word.isEmpty()).toList();
  }
}
