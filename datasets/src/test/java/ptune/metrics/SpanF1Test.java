package ptune.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Entity-level F1 with seqeval's default-mode chunking, and SRL argument F1. */
class SpanF1Test {

  private static final double EXACT = 1e-12;

  @Test
  void iTagWithoutBStartsAnEntityAndEntitiesEndAtSentenceEnd() {
    assertEquals(
        List.of(new Entity("PER", 0, 1), new Entity("LOC", 3, 3), new Entity("ORG", 4, 5)),
        EntityChunker.entities(List.of(List.of("B-PER", "I-PER", "O", "B-LOC"), List.of("I-ORG", "I-ORG", "O"))));
  }

  @Test
  void anEntityDoesNotContinueIntoTheNextSentence() {
    assertEquals(List.of(new Entity("LOC", 0, 0), new Entity("LOC", 1, 1)),
        EntityChunker.entities(List.of(List.of("B-LOC"), List.of("I-LOC"))));
  }

  @Test
  void typeChangeAndNewBeginEndTheOpenEntity() {
    assertEquals(List.of(new Entity("PER", 0, 0), new Entity("LOC", 1, 1), new Entity("LOC", 2, 3)),
        EntityChunker.entities(List.of(List.of("B-PER", "I-LOC", "B-LOC", "I-LOC"))));
  }

  @Test
  void nerMicroF1CountsExactSpanAndTypeMatches() {
    List<List<String>> gold = List.of(List.of("B-PER", "I-PER", "O", "B-LOC"), List.of("I-ORG", "I-ORG", "O"));
    List<List<String>> predicted = List.of(List.of("B-PER", "I-PER", "O", "O"), List.of("B-ORG", "I-ORG", "B-MISC"));
    Map<String, Double> metrics = SpanF1.score(predicted, gold, type -> true);
    // Gold PER, LOC, ORG; predicted PER, ORG, MISC; PER and ORG (B- vs I- start, same span) match.
    assertEquals(2.0 / 3, metrics.get("precision"), EXACT);
    assertEquals(2.0 / 3, metrics.get("recall"), EXACT);
    assertEquals(2.0 / 3, metrics.get("f1"), EXACT);
    // Tokens: 3 of 4 in the first sentence, 1 of 3 in the second.
    assertEquals(4.0 / 7, metrics.get("accuracy"), EXACT);
  }

  @Test
  void noPredictedEntitiesGiveZero() {
    Map<String, Double> metrics = SpanF1.score(List.of(List.of("O", "O")), List.of(List.of("B-PER", "O")), t -> true);
    assertEquals(0.0, metrics.get("precision"), EXACT);
    assertEquals(0.0, metrics.get("f1"), EXACT);
  }

  @Test
  void srlArgumentF1LeavesOutTheVerb() {
    List<List<String>> gold = List.of(List.of("B-A0", "B-V", "B-A1", "I-A1"));
    List<List<String>> predicted = List.of(List.of("B-A0", "B-V", "B-A1", "O"));
    // Arguments: gold A0, A1(2-3); predicted A0, A1(2-2): 1 of 2 each way. With V it would be 2/3.
    assertEquals(0.5, SpanF1.score(predicted, gold, type -> !type.equals("V")).get("f1"), EXACT);
  }
}
