package ptune.dataset.ner;

import java.util.ArrayList;
import java.util.List;

/**
 * Converts IOB1 tags (CoNLL-2003's original release: "I-" everywhere, "B-" only where an entity
 * directly follows one of the same type) to BIO/IOB2, where every entity starts with "B-".
 */
public final class Iob1ToBio {

  private Iob1ToBio() {}

  public static List<String> convert(List<String> iob1) {
    List<String> bio = new ArrayList<>(iob1.size());
    String previous = "O";
    for (String tag : iob1) {
      if (tag.startsWith("I-") && !continues(previous, tag.substring(2))) {
        bio.add("B-" + tag.substring(2));
      } else {
        bio.add(tag);
      }
      previous = tag;
    }
    return bio;
  }

  private static boolean continues(String previous, String type) {
    return !previous.equals("O") && previous.substring(2).equals(type);
  }
}
