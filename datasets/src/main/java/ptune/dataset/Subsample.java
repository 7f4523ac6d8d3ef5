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
 * Seeded subsampling and splitting of a split's examples by group. Examples that belong together
 * are kept or dropped together, and never land on both sides of a split: the answer options of one
 * MultiRC question and the candidates of one ReCoRD query (their metrics group them), the questions
 * of one SQuAD article (a held-out part must not share contexts with training). Other examples are
 * groups of one. Sizes count examples; whole groups are drawn in seeded random order until the next
 * one would not fit (at least one group), so a sample may fall short of its size by less than one
 * group. Kept examples stay in file order.
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
    return draw(examples, maxExamples, random).heldOut();
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
    return draw(examples, size, random);
  }

  /** The group an example belongs to: its question, query or article, else itself. */
  public static String groupOf(Example example) {
    if (example instanceof SentencePairExample pair) {
      if (pair.source() instanceof PairSource.MultiRcSource multiRc) {
        return "question " + multiRc.questionGroup();
      }
      if (pair.source() instanceof PairSource.RecordSource record) {
        return "query " + record.queryId();
      }
    }
    if (example instanceof SpanExtractionExample question && question.article() != null) {
      return "article " + question.article();
    }
    return "example " + example.id();
  }

  private static Parts draw(List<Example> examples, int size, Random random) {
    Map<String, Integer> groupSizes = new LinkedHashMap<>();
    for (Example example : examples) {
      groupSizes.merge(groupOf(example), 1, Integer::sum);
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
      (drawn.contains(groupOf(example)) ? in : out).add(example);
    }
    return new Parts(in, out);
  }
}
