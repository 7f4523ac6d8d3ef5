package ptune.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import ptune.dataset.ner.TagScheme;

/** The two tag conversions the readers rely on. */
class BracketedSpansTest {

  @Test
  void bracketsBecomeBio() {
    assertEquals(List.of("B-A0", "I-A0", "B-V", "O", "B-AM-TMP", "B-GPE"),
        BracketedSpans.toBio(List.of("(A0*", "*)", "(V*)", "*", "(AM-TMP*)", "(GPE)"), "col"));
  }

  @Test
  void unbalancedBracketsAreRejected() {
    assertThrows(RecordProblem.class, () -> BracketedSpans.toBio(List.of("(A0*", "*"), "col"));
    assertThrows(RecordProblem.class, () -> BracketedSpans.toBio(List.of("*)"), "col"));
    assertThrows(RecordProblem.class, () -> BracketedSpans.toBio(List.of("A0"), "col"));
  }

  @Test
  void iob1BecomesBio() {
    // IOB1 uses B- only between two adjacent entities of one type.
    assertEquals(List.of("B-PER", "I-PER", "B-PER", "O", "B-LOC", "B-ORG", "I-ORG"),
        TagScheme.IOB1.toBio(List.of("I-PER", "I-PER", "B-PER", "O", "I-LOC", "I-ORG", "I-ORG"), "tag"));
  }
}
