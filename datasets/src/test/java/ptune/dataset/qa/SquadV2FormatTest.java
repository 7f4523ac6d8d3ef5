package ptune.dataset.qa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import ptune.dataset.SpanExtractionExample;
import ptune.testing.Resources;

class SquadV2FormatTest {

  @Test
  void unanswerableQuestionsHaveNoAnswersAndIgnorePlausibleOnes() {
    List<SpanExtractionExample> questions =
        new SquadReader().read(Resources.path("squad/sample-v2.0.json")).examplesOf(SpanExtractionExample.class);
    assertEquals(2, questions.size());
    SpanExtractionExample answerable = questions.get(0);
    assertFalse(answerable.impossible());
    assertEquals(List.of("France", "France."), answerable.answerTexts());
    assertEquals(104, answerable.answers().get(1).charStart());
    SpanExtractionExample impossible = questions.get(1);
    assertTrue(impossible.impossible());
    assertTrue(impossible.answers().isEmpty());
  }
}
