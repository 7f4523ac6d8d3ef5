package ptune.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import ptune.dataset.DataDirectory;
import ptune.dataset.Example;
import ptune.dataset.MultipleChoiceExample;
import ptune.dataset.PairSource;
import ptune.dataset.SentencePairExample;
import ptune.dataset.SpanExtractionExample;
import ptune.dataset.Split;
import ptune.dataset.Task;
import ptune.dataset.TaskKind;
import ptune.dataset.TokenTaggingExample;

class TaskRegistryTest {

  @Test
  void knowsEveryTaskOfThePaperAndGlue() {
    List<String> required = List.of("cb", "rte", "boolq", "copa", "wic", "wsc", "multirc", "record", "sst2",
        "mrpc", "cola", "qnli", "stsb", "qqp", "mnli", "wnli", "glue-rte", "conll03", "conll04", "ontonotes",
        "squad", "squad2", "squad-devsplit", "squad2-devsplit", "conll05", "conll12");
    assertTrue(TaskRegistry.names().containsAll(required), TaskRegistry.names().toString());
  }

  @Test
  void kindsLabelsAndSelectionMetrics() {
    assertEquals(TaskKind.MULTIPLE_CHOICE, TaskRegistry.get("copa").kind());
    assertEquals(TaskKind.REGRESSION, TaskRegistry.get("stsb").kind());
    assertEquals(TaskKind.SPAN_EXTRACTION, TaskRegistry.get("squad2").kind());
    assertEquals(TaskKind.TOKEN_CLASSIFICATION, TaskRegistry.get("conll05").kind());
    assertEquals(List.of("entailment", "contradiction", "neutral"), TaskRegistry.get("cb").labels().names());
    assertEquals(37, TaskRegistry.get("ontonotes").labels().size(), "O plus B/I for 18 types");
    assertEquals("mcc", TaskRegistry.get("cola").selectionMetric());
    assertEquals("pearson", TaskRegistry.get("stsb").selectionMetric());
    for (String f1Task : List.of("multirc", "record", "conll03", "conll12", "squad")) {
      assertEquals("f1", TaskRegistry.get(f1Task).selectionMetric(), f1Task);
    }
    assertEquals(List.of("superglue/CB/val.jsonl"), TaskRegistry.get("cb").files().get(Split.DEV));
  }

  /** Declared labelled test splits hold gold labels; every other test split here holds none. */
  @Test
  void labelledTestSplitsAreTheOnesWithGoldLabels() {
    List<String> withTestFiles = TaskRegistry.names().stream().map(TaskRegistry::get)
        .filter(t -> t.hasSplit(Split.TEST)
            && t.paths(Split.TEST, DataDirectory.resolve()).stream().allMatch(java.nio.file.Files::isRegularFile))
        .map(Task::name).toList();
    assertTrue(withTestFiles.containsAll(List.of("rte", "cb", "sst2", "stsb", "conll03", "conll04", "conll05")),
        withTestFiles.toString());
    for (String name : withTestFiles) {
      Task task = TaskRegistry.get(name);
      List<Example> test = task.load(Split.TEST, DataDirectory.resolve()).examples();
      long gold = test.stream().filter(TaskRegistryTest::hasGold).count();
      if (task.labelledTest()) {
        assertEquals(TaskKind.TOKEN_CLASSIFICATION, task.kind(), name);
        assertTrue(gold > test.size() / 2, name + ": " + gold + " of " + test.size() + " test sentences tag something");
      } else {
        assertEquals(0, gold, name + " test split has labels but is not declared labelled");
      }
    }
    assertEquals(List.of("conll03", "conll04", "ontonotes", "conll05", "conll12"),
        TaskRegistry.names().stream().map(TaskRegistry::get).filter(Task::labelledTest).map(Task::name).toList());
  }

  private static boolean hasGold(Example e) {
    if (e instanceof SentencePairExample p) {
      return p.label().isPresent();
    }
    if (e instanceof MultipleChoiceExample m) {
      return m.label() != MultipleChoiceExample.NO_LABEL;
    }
    if (e instanceof TokenTaggingExample t) {
      return t.tags().stream().anyMatch(tag -> !tag.equals("O"));
    }
    return !((SpanExtractionExample) e).answers().isEmpty();
  }

  @Test
  void unknownNamesAndMissingSplitsAreExplained() {
    IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> TaskRegistry.get("foo"));
    assertTrue(unknown.getMessage().contains("unknown task 'foo'"));
    assertThrows(IllegalArgumentException.class, () -> TaskRegistry.get("cola").paths(Split.TEST, Path.of(".")));
    IllegalStateException missing = assertThrows(IllegalStateException.class,
        () -> TaskRegistry.get("boolq").load(Split.TRAIN, DataDirectory.resolve()));
    assertTrue(missing.getMessage().contains("superglue/BoolQ/train.jsonl"), missing.getMessage());
  }

  @Test
  void fewGlueFilesCanReplaceASplit() {
    Task fewShot = TaskRegistry.get("multirc")
        .withFiles(Split.TRAIN, List.of("superglue_fewshot/FewGLUE_32dev/MultiRC/train.jsonl"));
    List<Example> examples = fewShot.load(Split.TRAIN, DataDirectory.resolve()).examples();
    long paragraphs = examples.stream()
        .map(e -> ((PairSource.MultiRcSource) ((SentencePairExample) e).source()).questionGroup().split("-")[0])
        .distinct().count();
    assertEquals(32, paragraphs);
  }

  @Test
  void dataDirectoryPrefersTheSystemProperty() {
    String previous = System.getProperty(DataDirectory.PROPERTY);
    try {
      System.setProperty(DataDirectory.PROPERTY, "/some/where");
      assertEquals(Path.of("/some/where"), DataDirectory.resolve());
      System.clearProperty(DataDirectory.PROPERTY);
      // Without it (and without the environment variable), the search finds shared/datasets.
      if (System.getenv(DataDirectory.ENVIRONMENT) == null) {
        assertTrue(DataDirectory.resolve().endsWith(Path.of("shared", "datasets")));
      }
    } finally {
      if (previous == null) {
        System.clearProperty(DataDirectory.PROPERTY);
      } else {
        System.setProperty(DataDirectory.PROPERTY, previous);
      }
    }
  }
}
