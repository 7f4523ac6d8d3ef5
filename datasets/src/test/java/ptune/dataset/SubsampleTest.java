package ptune.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import ptune.tasks.TaskRegistry;

class SubsampleTest {

  private static final List<Example> HUNDRED = IntStream.range(0, 100)
      .mapToObj(i -> (Example) new SentencePairExample(String.valueOf(i), "t", null, Label.category(i % 2)))
      .toList();

  @Test
  void sameSeedSameSampleInFileOrder() {
    List<Example> first = Subsample.upTo(HUNDRED, 10, new Random(7));
    assertEquals(10, first.size());
    assertEquals(first, Subsample.upTo(HUNDRED, 10, new Random(7)));
    assertNotEquals(first, Subsample.upTo(HUNDRED, 10, new Random(8)));
    List<Integer> ids = first.stream().map(e -> Integer.parseInt(e.id())).toList();
    assertEquals(ids.stream().sorted().toList(), ids);
  }

  @Test
  void ungroupedExamplesAreTheFirstOfASeededShuffle() {
    // What the runner drew before samples were grouped: the same examples for the same seed.
    List<Example> shuffled = new ArrayList<>(HUNDRED);
    Collections.shuffle(shuffled, new Random(3));
    assertEquals(Set.copyOf(shuffled.subList(0, 25)), Set.copyOf(Subsample.upTo(HUNDRED, 25, new Random(3))));
  }

  @Test
  void sizesCountExamples() {
    assertEquals(100, Subsample.upTo(HUNDRED, 500, new Random(1)).size());
    assertEquals(0, Subsample.upTo(HUNDRED, 0, new Random(1)).size());
    Subsample.Parts parts = Subsample.holdOut(HUNDRED, 0.25, new Random(1));
    assertEquals(25, parts.heldOut().size());
    assertEquals(75, parts.rest().size());
    assertEquals(List.of(), Subsample.holdOut(HUNDRED, 0, new Random(1)).heldOut());
  }

  @Test
  void multiRcQuestionsAreSampledWhole() {
    List<Example> options = List.of(
        option("p0-q0", "a"), option("p0-q0", "b"), option("p0-q1", "a"), option("p0-q1", "b"), option("p0-q1", "c"));
    List<Example> sample = Subsample.upTo(options, 2, new Random(3));
    String group = Subsample.groupOf(sample.get(0));
    assertTrue(sample.stream().allMatch(e -> Subsample.groupOf(e).equals(group)));
    assertEquals(group.endsWith("p0-q0") ? 2 : 3, sample.size(), "at least one whole group");
  }

  /** Real MultiRC train: 27,243 answer options of 5,131 questions. */
  @Test
  void multiRcTrainSamplesAndHeldOutSplitsKeepQuestionsWhole() {
    List<Example> train = TaskRegistry.get("multirc").load(Split.TRAIN, DataDirectory.resolve()).examples();
    checkSample(train, "multirc", Subsample::groupOf);
    checkSplit(train, "multirc", Subsample::groupOf);
  }

  /**
   * Real SQuAD 1.1 dev: 10,570 questions of 48 articles. A held-out split keeps articles on one
   * side; a sample draws questions from many articles.
   */
  @Test
  void squadHeldOutSplitsKeepArticlesWhole() {
    List<Example> dev = TaskRegistry.get("squad").load(Split.DEV, DataDirectory.resolve()).examples();
    assertEquals(48, groupSizes(dev, Subsample::splitGroupOf).size(), "one group per article");
    checkSplit(dev, "squad", Subsample::splitGroupOf);
    checkSample(dev, "squad", Subsample::groupOf);
    List<Example> sample = Subsample.upTo(dev, 500, new Random(11));
    assertTrue(groupSizes(sample, Subsample::splitGroupOf).size() > 40,
        "500 sampled questions come from most of the 48 articles, not from a few");
  }

  private static void checkSample(List<Example> all, String task, Function<Example, String> groupOf) {
    Map<String, Long> full = groupSizes(all, groupOf);
    long largest = Collections.max(full.values());
    int max = all.size() / 5;
    List<Example> sample = Subsample.upTo(all, max, new Random(11));
    assertTrue(sample.size() <= max && sample.size() > max - largest, task + " sample of " + sample.size());
    groupSizes(sample, groupOf).forEach((group, n) -> assertEquals(full.get(group), n, task + " " + group + " is cut"));
    assertEquals(sample, Subsample.upTo(all, max, new Random(11)), "deterministic per seed");
    assertNotEquals(sample, Subsample.upTo(all, max, new Random(12)));
  }

  private static void checkSplit(List<Example> all, String task, Function<Example, String> groupOf) {
    long largest = Collections.max(groupSizes(all, groupOf).values());
    Subsample.Parts parts = Subsample.holdOut(all, 0.1, new Random(11));
    Set<String> heldOut = groupSizes(parts.heldOut(), groupOf).keySet();
    Set<String> rest = new HashSet<>(groupSizes(parts.rest(), groupOf).keySet());
    rest.retainAll(heldOut);
    assertEquals(Set.of(), rest, task + " groups on both sides of the split");
    assertEquals(all.size(), parts.heldOut().size() + parts.rest().size());
    long target = Math.round(0.1 * all.size());
    assertTrue(parts.heldOut().size() <= target && parts.heldOut().size() > target - largest,
        task + " held out " + parts.heldOut().size() + " of " + all.size());
    assertEquals(parts, Subsample.holdOut(all, 0.1, new Random(11)), "deterministic per seed");
  }

  private static Map<String, Long> groupSizes(List<Example> examples, Function<Example, String> groupOf) {
    return examples.stream().collect(Collectors.groupingBy(groupOf, Collectors.counting()));
  }

  private static Example option(String question, String answer) {
    return new SentencePairExample(question + "-" + answer, "paragraph", "q " + answer, Label.category(0),
        new PairSource.MultiRcSource(question, "q", answer));
  }
}
