package ptune.dataset.qa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import org.junit.jupiter.api.Test;
import ptune.dataset.DataDirectory;
import ptune.dataset.SpanExtractionExample;
import ptune.dataset.Split;
import ptune.tasks.TaskRegistry;

class SquadDataTest {

  @Test
  void devHas10570AnswerableQuestionsWithSeveralGoldAnswers() {
    List<SpanExtractionExample> dev = TaskRegistry.get("squad").load(Split.DEV, DataDirectory.resolve())
        .examplesOf(SpanExtractionExample.class);
    assertEquals(10570, dev.size());
    assertEquals(2067, dev.stream().map(SpanExtractionExample::context).distinct().count());
    assertFalse(dev.stream().anyMatch(SpanExtractionExample::impossible));
    SpanExtractionExample first = dev.get(0);
    assertEquals("56be4db0acb8001400a502ec", first.id());
    assertEquals("Which NFL team represented the AFC at Super Bowl 50?", first.question());
    assertEquals(List.of("Denver Broncos", "Denver Broncos", "Denver Broncos"), first.answerTexts());
    assertEquals("Denver Broncos", first.context().substring(
        first.answers().get(0).charStart(), first.answers().get(0).charEnd()));
  }
}
