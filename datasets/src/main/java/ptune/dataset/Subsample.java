package ptune.dataset;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;

/**
 * Seeded subsampling and splitting of a split's examples by group. A sample keeps the examples a
 * metric scores together whole: the answer options of one MultiRC question, the candidates of one
 * ReCoRD query. A split into a held-out part and the rest also keeps the questions of one SQuAD
 * article on one side, so that the held-out part shares no context with training. (Samples do not
 * keep articles whole: SQuAD scores questions one by one, and articles of 96 to 810 questions would
 * turn a sample of a few hundred questions into one to four topics.) Other examples are groups of
 * one. Sizes count examples; whole groups are drawn in seeded random order until the next one would
 * not fit (at least one group), so a sample may fall short of its size by less than one group. Kept
 * examples stay in file order.
 */
public final class Subsample {

  private Subsample() {}

  /** The two sides of a split, each in file order. */
  public record Parts(List<Example> heldOut, List<Example> rest) {}

  /**
   * At most {@code maxExamples} examples as whole groups (all of them when they fit, drawing
   * nothing from {@code random}).
   */
  public static List<Example> upTo(List<Example> examples, int maxExamples, Random random) {
    if (maxExamples < 0) {
      throw new IllegalArgumentException("negative sample size " + maxExamples);
    }
    if (examples.size() <= maxExamples) {
      return new ArrayList<>(examples);
    }
    if (maxExamples == 0) {
      return new ArrayList<>();
    }
    return draw(examples, maxExamples, random, Subsample::groupOf).heldOut();
  }

  /**
   * Splits off about {@code fraction} of the examples (rounded) as whole groups: the held-out part
   * and the rest.
   */
  public static Parts holdOut(List<Example> examples, double fraction, Random random) {
    if (!(fraction >= 0 && fraction <= 1)) {
      throw new IllegalArgumentException("fraction must be in [0, 1], got " + fraction);
    }
    int size = (int) Math.round(fraction * examples.size());
    if (size == 0) {
      return new Parts(List.of(), new ArrayList<>(examples));
    }
    return draw(examples, size, random, Subsample::splitGroupOf);
  }

  /** The group a sample keeps whole: an example's MultiRC question or ReCoRD query, else itself. */
  public static String groupOf(Example example) {
    if (example instanceof SentencePairExample pair) {
      if (pair.source() instanceof PairSource.MultiRcSource multiRc) {
        return "question " + multiRc.questionGroup();
      }
      if (pair.source() instanceof PairSource.RecordSource record) {
        return "query " + record.queryId();
      }
    }
    return "example " + example.id();
  }

  /** The group a split keeps on one side: a SQuAD question's article, else {@link #groupOf}. */
  public static String splitGroupOf(Example example) {
    if (example instanceof SpanExtractionExample question && question.article() != null) {
      return "article " + question.article();
    }
    return groupOf(example);
  }

  private static Parts draw(List<Example> examples, int size, Random random,
      Function<Example, String> groupOf) {
    Map<String, Integer> groupSizes = new LinkedHashMap<>();
    for (Example example : examples) {
      groupSizes.merge(groupOf.apply(example), 1, Integer::sum);
    }
    List<String> order = new ArrayList<>(groupSizes.keySet());
    Collections.shuffle(order, random);
    Set<String> drawn = new HashSet<>();
    int total = 0;
    for (String group : order) {
      int groupSize = groupSizes.get(group);
      if (!drawn.isEmpty() && total + groupSize > size) {
        break;
      }
      drawn.add(group);
      total += groupSize;
    }
    List<Example> in = new ArrayList<>(total);
    List<Example> out = new ArrayList<>(examples.size() - total);
    for (Example example : examples) {
      (drawn.contains(groupOf.apply(example)) ? in : out).add(example);
    }
    return new Parts(in, out);
  }
}
