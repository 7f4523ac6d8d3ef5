package ptune.testing;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import ptune.dataset.Example;
import ptune.dataset.LabelSet;
import ptune.dataset.SentencePairExample;

/** Counts sentence-pair examples by label name, for comparing with the data README. */
public final class LabelCounts {

  private LabelCounts() {}

  public static Map<String, Long> of(LabelSet labels, List<Example> examples) {
    Map<String, Long> counts = new TreeMap<>();
    for (Example example : examples) {
      SentencePairExample pair = (SentencePairExample) example;
      String key = pair.label().isPresent() ? labels.name(pair.label().index()) : "unlabeled";
      counts.merge(key, 1L, Long::sum);
    }
    return counts;
  }
}
