package ptune.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SubsampleTest {

  private static final List<Example> HUNDRED = IntStream.range(0, 100)
      .mapToObj(i -> (Example) new SentencePairExample(String.valueOf(i), "t", null, Label.category(i % 2)))
      .toList();

  @Test
  void sameSeedSameSampleInFileOrder() {
    List<Example> first = Subsample.count(HUNDRED, 10, 7);
    assertEquals(10, first.size());
    assertEquals(first, Subsample.count(HUNDRED, 10, 7));
    assertNotEquals(first, Subsample.count(HUNDRED, 10, 8));
    List<Integer> ids = first.stream().map(e -> Integer.parseInt(e.id())).toList();
    assertEquals(ids.stream().sorted().toList(), ids);
  }

  @Test
  void fractionRoundsToWholeExamples() {
    assertEquals(25, Subsample.fraction(HUNDRED, 0.25, 1).size());
    assertEquals(100, Subsample.count(HUNDRED, 500, 1).size());
  }

  @Test
  void multiRcQuestionsAreSampledWhole() {
    List<Example> options = List.of(
        option("p0-q0", "a"), option("p0-q0", "b"), option("p0-q1", "a"), option("p0-q1", "b"), option("p0-q1", "c"));
    List<Example> sample = Subsample.count(options, 1, 3);
    String group = Subsample.groupOf(sample.get(0));
    assertTrue(sample.stream().allMatch(e -> Subsample.groupOf(e).equals(group)));
    assertEquals(group.equals("p0-q0") ? 2 : 3, sample.size());
  }

  private static Example option(String question, String answer) {
    return new SentencePairExample(question + "-" + answer, "paragraph", "q " + answer, Label.category(0),
        new PairSource.MultiRcSource(question, "q", answer));
  }
}
