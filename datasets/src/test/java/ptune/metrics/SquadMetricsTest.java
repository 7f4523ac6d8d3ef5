package ptune.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import ptune.dataset.SpanExtractionExample;
import ptune.dataset.SpanExtractionExample.Answer;

class SquadMetricsTest {

  private static final double EXACT = 1e-12;

  @Test
  void normalizationLowersAndDropsPunctuationArticlesAndExtraSpace() {
    assertEquals("quick brown fox", SquadScoring.normalize("The  Quick, brown fox!"));
    assertEquals("anthem", SquadScoring.normalize("an anthem"));
    assertEquals("", SquadScoring.normalize(" a  the "));
  }

  @Test
  void tokenF1() {
    // "cat sat" vs "cat sat down": 2 common, P = 1, R = 2/3 -> 0.8.
    assertEquals(0.8, SquadScoring.f1("the cat sat", "a cat sat down"), EXACT);
    assertEquals(0.0, SquadScoring.f1("dog", "cat"), EXACT);
    // Repeated tokens only match as often as they occur in gold: common 1, P 1/2, R 1 -> 2/3.
    assertEquals(2.0 / 3, SquadScoring.f1("cat cat", "cat"), EXACT);
  }

  @Test
  void severalGoldAnswersTakeTheBestMatch() {
    assertEquals(0.8, SquadScoring.maxF1("the cat sat", List.of("dog", "cat sat down")), EXACT);
    assertEquals(1.0, SquadScoring.maxExactMatch("Cat sat.", List.of("dog", "cat sat")), EXACT);
  }

  @Test
  void unanswerableQuestionsScoreOnlyAnEmptyPrediction() {
    List<SpanExtractionExample> gold = List.of(
        question("q1", false, "France", "France."),
        question("q2", true),
        question("q3", true),
        question("q4", false, "the Normans"));
    // q1 exact, q2 correctly empty, q3 answers an unanswerable question, q4 has no prediction.
    Map<String, Double> metrics = SquadMetrics.score(gold, Map.of("q1", "france", "q2", "", "q3", "Normans"));
    assertEquals(0.5, metrics.get("exact_match"), EXACT);
    assertEquals(0.5, metrics.get("f1"), EXACT);
    assertEquals(0.5, metrics.get("HasAns_exact"), EXACT);
    assertEquals(0.5, metrics.get("NoAns_exact"), EXACT);
    assertEquals(2.0, metrics.get("NoAns_total"), EXACT);
  }

  @Test
  void emptyPredictionsScoreZeroOnAnswerableQuestions() {
    Map<String, Double> metrics = SquadMetrics.score(List.of(question("q", false, "Paris")), Map.of());
    assertEquals(0.0, metrics.get("exact_match"), EXACT);
    assertEquals(0.0, metrics.get("f1"), EXACT);
    assertEquals(2, metrics.size(), "no HasAns/NoAns split without unanswerable questions");
  }

  private static SpanExtractionExample question(String id, boolean impossible, String... answers) {
    List<Answer> gold = Arrays.stream(answers).map(a -> new Answer(a, 0)).toList();
    return new SpanExtractionExample(id, "?", String.join(" ", answers), gold, impossible);
  }
}
