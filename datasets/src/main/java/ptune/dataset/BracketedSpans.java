package ptune.dataset;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Converts a CoNLL bracket column to BIO tags. "(A0*" opens an A0 span on this word, "*" continues
 * or stays outside, "*)" closes the open span, "(V*)" and "(PERSON)" are one-word spans. Used by CoNLL-2005
 * propositions and by CoNLL-2012 named entities and propositions. Spans in one column never nest.
 */
public final class BracketedSpans {

  /** "*", "(TYPE*", "*)", "(TYPE*)", and "(TYPE)" (CoNLL-2012 entities write one-word spans so). */
  private static final Pattern CELL = Pattern.compile("\\([^()*]+\\*?\\)?|\\*\\)?");

  private BracketedSpans() {}

  /**
   * @param cells the column, one cell per word
   * @param field column name for error messages
   * @throws RecordProblem on unbalanced or nested brackets
   */
  public static List<String> toBio(List<String> cells, String field) {
    List<String> tags = new ArrayList<>(cells.size());
    String open = null;
    for (int i = 0; i < cells.size(); i++) {
      String cell = cells.get(i);
      if (!CELL.matcher(cell).matches()) {
        throw new RecordProblem(field, "word " + (i + 1) + ": malformed cell '" + cell + "'");
      }
      boolean opens = cell.startsWith("(");
      boolean closes = cell.endsWith(")");
      if (opens) {
        if (open != null) {
          throw new RecordProblem(field, "word " + (i + 1) + ": '" + cell + "' opens a span inside (" + open);
        }
        open = cell.substring(1).replaceAll("\\*?\\)?$", "");
        tags.add("B-" + open);
      } else {
        tags.add(open == null ? "O" : "I-" + open);
      }
      if (closes) {
        if (open == null) {
          throw new RecordProblem(field, "word " + (i + 1) + ": ')' closes no span in '" + cell + "'");
        }
        open = null;
      }
    }
    if (open != null) {
      throw new RecordProblem(field, "span (" + open + " is never closed");
    }
    return tags;
  }
}
