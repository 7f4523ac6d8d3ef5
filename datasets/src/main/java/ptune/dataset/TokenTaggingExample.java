package ptune.dataset;

import java.util.List;

/**
 * A sentence as words with one BIO tag per word (NER, SRL). For SRL each predicate of a sentence is
 * its own example, with {@code predicateIndex} pointing at the predicate word; -1 for NER.
 */
public record TokenTaggingExample(String id, List<String> words, List<String> tags, int predicateIndex)
    implements Example {

  public static final int NO_PREDICATE = -1;

  public TokenTaggingExample {
    words = List.copyOf(words);
    tags = List.copyOf(tags);
    if (words.size() != tags.size()) {
      throw new IllegalArgumentException(
          id + ": " + words.size() + " words but " + tags.size() + " tags");
    }
    if (predicateIndex < NO_PREDICATE || predicateIndex >= words.size()) {
      throw new IllegalArgumentException(id + ": predicate index " + predicateIndex + " out of range");
    }
  }

  public boolean hasPredicate() {
    return predicateIndex != NO_PREDICATE;
  }
}
