package ptune.testing;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import ptune.dataset.Example;
import ptune.dataset.TokenTaggingExample;
import ptune.metrics.Entity;
import ptune.metrics.EntityChunker;

/** Entity (or argument) counts by type over tagged examples. */
public final class EntityCounts {

  private EntityCounts() {}

  public static Map<String, Long> of(List<Example> examples) {
    Map<String, Long> counts = new TreeMap<>();
    for (Example example : examples) {
      for (Entity entity : EntityChunker.entities(List.of(((TokenTaggingExample) example).tags()))) {
        counts.merge(entity.type(), 1L, Long::sum);
      }
    }
    return counts;
  }

  public static long tokens(List<Example> examples) {
    return examples.stream().mapToLong(e -> ((TokenTaggingExample) e).words().size()).sum();
  }
}
