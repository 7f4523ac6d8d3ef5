package ptune.metrics;

import java.util.ArrayList;
import java.util.List;

/**
 * Extracts entities from BIO tags with seqeval's default (non-strict, conlleval) rules: an entity
 * starts at a B- tag, or at an I- tag that does not continue an entity of the same type (so
 * "O I-PER" and "B-LOC I-PER" both start a PER entity), and ends before O, B-, or a type change.
 * Sentences are separated so that no entity runs from one into the next, and an entity still open at
 * a sentence's end ends there.
 */
public final class EntityChunker {

  private EntityChunker() {}

  /**
   * @param sentences tag sequences; positions count through all sentences in order
   */
  public static List<Entity> entities(List<List<String>> sentences) {
    List<Entity> entities = new ArrayList<>();
    int offset = 0;
    for (List<String> sentence : sentences) {
      entities.addAll(entitiesOfSentence(sentence, offset));
      offset += sentence.size();
    }
    return entities;
  }

  static List<Entity> entitiesOfSentence(List<String> tags, int offset) {
    List<Entity> entities = new ArrayList<>();
    String openType = null;
    int openStart = -1;
    for (int i = 0; i < tags.size(); i++) {
      String tag = tags.get(i);
      String prefix = prefix(tag);
      String type = type(tag);
      boolean continues = prefix.equals("I") && type.equals(openType);
      if (openType != null && !continues) {
        entities.add(new Entity(openType, offset + openStart, offset + i - 1));
        openType = null;
      }
      if (openType == null && (prefix.equals("B") || prefix.equals("I"))) {
        openType = type;
        openStart = i;
      }
    }
    if (openType != null) {
      entities.add(new Entity(openType, offset + openStart, offset + tags.size() - 1));
    }
    return entities;
  }

  private static String prefix(String tag) {
    if (tag.equals("O")) {
      return "O";
    }
    int dash = tag.indexOf('-');
    if (dash != 1 || (tag.charAt(0) != 'B' && tag.charAt(0) != 'I')) {
      throw new IllegalArgumentException("not a BIO tag: '" + tag + "'");
    }
    return tag.substring(0, 1);
  }

  private static String type(String tag) {
    return tag.equals("O") ? "" : tag.substring(2);
  }
}
