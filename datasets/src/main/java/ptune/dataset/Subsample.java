package ptune.dataset;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Seeded subsampling of a split. Examples that belong together (the answer options of one MultiRC
 * question, the candidates of one ReCoRD query) are kept or dropped as a group so that per-group
 * metrics stay computable; counts and fractions refer to groups. The kept examples stay in file
 * order.
 */
public final class Subsample {

  private Subsample() {}

  public static List<Example> count(List<Example> examples, int groups, long seed) {
    if (groups < 0) {
      throw new IllegalArgumentException("negative sample size " + groups);
    }
    Map<String, List<Example>> byGroup = byGroup(examples);
    if (groups >= byGroup.size()) {
      return List.copyOf(examples);
    }
    List<String> keys = new ArrayList<>(byGroup.keySet());
    Collections.shuffle(keys, new Random(seed));
    Set<String> kept = new HashSet<>(keys.subList(0, groups));
    return examples.stream().filter(e -> kept.contains(groupOf(e))).toList();
  }

  /** Keeps {@code round(fraction * groups)} groups. */
  public static List<Example> fraction(List<Example> examples, double fraction, long seed) {
    if (!(fraction >= 0 && fraction <= 1)) {
      throw new IllegalArgumentException("fraction must be in [0, 1], got " + fraction);
    }
    return count(examples, (int) Math.round(fraction * byGroup(examples).size()), seed);
  }

  /** The group an example belongs to: its question or query for MultiRC/ReCoRD, else itself. */
  public static String groupOf(Example example) {
    if (example instanceof SentencePairExample pair) {
      if (pair.source() instanceof PairSource.MultiRcSource multiRc) {
        return multiRc.questionGroup();
      }
      if (pair.source() instanceof PairSource.RecordSource record) {
        return record.queryId();
      }
    }
    return example.id();
  }

  private static Map<String, List<Example>> byGroup(List<Example> examples) {
    Map<String, List<Example>> groups = new LinkedHashMap<>();
    for (Example example : examples) {
      groups.computeIfAbsent(groupOf(example), k -> new ArrayList<>()).add(example);
    }
    return groups;
  }
}
