package ptune.dataset.glue;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import ptune.dataset.Label;
import ptune.dataset.SentencePairExample;
import ptune.dataset.Task;
import ptune.dataset.TaskKind;
import ptune.tasks.TaskRegistry;

/** GLUE tasks missing from the shared data, read from small files in their official column layout. */
class GlueFormatTest {

  private static List<SentencePairExample> read(String task, String resource) throws URISyntaxException {
    Path file = Path.of(GlueFormatTest.class.getResource("/glue/" + resource).toURI());
    return TaskRegistry.get(task).reader().read(file).examplesOf(SentencePairExample.class);
  }

  @Test
  void stsbScoresAreRegressionTargets() throws Exception {
    Task stsb = TaskRegistry.get("stsb");
    assertEquals(TaskKind.REGRESSION, stsb.kind());
    List<SentencePairExample> examples = read("stsb", "stsb-train.tsv");
    assertEquals(List.of(Label.score(5.0), Label.score(3.8)), examples.stream().map(SentencePairExample::label).toList());
    assertEquals("A man is playing a bamboo flute.", examples.get(1).textB());
  }

  @Test
  void qqpUsesQuestionColumnsAndIsDuplicate() throws Exception {
    List<SentencePairExample> examples = read("qqp", "qqp-dev.tsv");
    assertEquals("402555", examples.get(1).id());
    assertEquals("How do you control your horniness?", examples.get(1).textB());
    assertEquals(Label.category(1), examples.get(1).label());
  }

  @Test
  void mnliTakesTheGoldLabelNotTheAnnotatorLabels() throws Exception {
    List<SentencePairExample> examples = read("mnli", "mnli-dev_matched.tsv");
    // Label order entailment, neutral, contradiction: neutral is 1 and contradiction 2.
    assertEquals(List.of(Label.category(1), Label.category(2)),
        examples.stream().map(SentencePairExample::label).toList());
    assertEquals("The new rights are nice enough", examples.get(0).textA());
  }

  @Test
  void wnli() throws Exception {
    SentencePairExample only = read("wnli", "wnli-train.tsv").get(0);
    assertEquals("I stuck a pin through a carrot.", only.textA());
    assertEquals(Label.category(1), only.label());
  }
}
