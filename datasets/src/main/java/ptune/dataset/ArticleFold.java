package ptune.dataset;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Train and dev as disjoint parts of one labelled file, split by article: for SQuAD here, whose
 * train files are not in the shared datasets (only the dev JSON is), so a trial trains on some of
 * the dev file's articles and is scored on the others. Articles are numbered 1, 2, ... in the order
 * they first occur; every {@code every}-th one (article {@code every}, {@code 2 * every}, ...) is
 * dev, the rest train. No question, context or title is on both sides.
 *
 * @param every one article in this many goes to dev (3: a third of the articles)
 */
public record ArticleFold(int every) implements java.io.Serializable {

  public ArticleFold {
    if (every < 2) {
      throw new IllegalArgumentException("every must be at least 2, got " + every);
    }
  }

  /** The part of {@code read} (the whole file) that belongs to {@code split}. */
  public ReadResult part(Split split, ReadResult read) {
    if (split != Split.TRAIN && split != Split.DEV) {
      throw new IllegalArgumentException("an article fold has only train and dev, not " + split.lowerName());
    }
    Map<String, Integer> articleNumbers = new LinkedHashMap<>();
    List<Example> kept = new ArrayList<>();
    for (Example example : read.examples()) {
      if (!(example instanceof SpanExtractionExample question) || question.article() == null) {
        throw new IllegalArgumentException("an article fold needs questions with articles, got " + example.id());
      }
      int number = articleNumbers.computeIfAbsent(question.article(), a -> articleNumbers.size() + 1);
      boolean dev = number % every == 0;
      if (dev == (split == Split.DEV)) {
        kept.add(example);
      }
    }
    return new ReadResult(kept, read.skippedMessages(), read.repairs());
  }
}
