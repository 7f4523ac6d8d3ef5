package ptune.dataset.superglue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import ptune.dataset.DataDirectory;
import ptune.dataset.MultipleChoiceExample;
import ptune.dataset.PairSource;
import ptune.dataset.ReadResult;
import ptune.dataset.SentencePairExample;
import ptune.dataset.Split;
import ptune.dataset.Task;
import ptune.tasks.TaskRegistry;
import ptune.testing.LabelCounts;
import ptune.testing.TestData;

/** Loads every SuperGLUE and FewGLUE file in the shared data and checks counts from its README. */
class SuperGlueDataTest {

  private static ReadResult load(String task, Split split) {
    return TaskRegistry.get(task).load(split, DataDirectory.resolve());
  }

  private static Map<String, Long> labels(String task, Split split) {
    return LabelCounts.of(TaskRegistry.get(task).labels(), load(task, split).examples());
  }

  @Test
  void cb() {
    assertEquals(Map.of("contradiction", 119L, "entailment", 115L, "neutral", 16L), labels("cb", Split.TRAIN));
    assertEquals(Map.of("contradiction", 28L, "entailment", 23L, "neutral", 5L), labels("cb", Split.DEV));
    assertEquals(Map.of("unlabeled", 250L), labels("cb", Split.TEST));
  }

  @Test
  void boolq() {
    assertEquals(Map.of("True", 2033L, "False", 1237L), labels("boolq", Split.DEV));
    assertEquals(3245, load("boolq", Split.TEST).size());
    SentencePairExample first = load("boolq", Split.DEV).examplesOf(SentencePairExample.class).get(0);
    assertEquals("does ethanol take more energy make that produces", first.textA());
    assertTrue(first.textB().startsWith("Ethanol fuel -- "));
  }

  @Test
  void rte() {
    assertEquals(Map.of("entailment", 1249L, "not_entailment", 1241L), labels("rte", Split.TRAIN));
    assertEquals(Map.of("entailment", 146L, "not_entailment", 131L), labels("rte", Split.DEV));
    assertEquals(3000, load("rte", Split.TEST).size());
  }

  @Test
  void wic() {
    assertEquals(Map.of("True", 2714L, "False", 2714L), labels("wic", Split.TRAIN));
    assertEquals(Map.of("True", 319L, "False", 319L), labels("wic", Split.DEV));
    assertEquals(1400, load("wic", Split.TEST).size());
    SentencePairExample first = load("wic", Split.TRAIN).examplesOf(SentencePairExample.class).get(0);
    assertEquals("Do you want to come over to my place later? A political system with no place for the"
        + " less prominent groups. Does place have the same meaning in both sentences?", first.textA());
    PairSource.WicSource source = (PairSource.WicSource) first.source();
    assertEquals("place", source.sentence1().substring(source.start1(), source.end1()));
  }

  @Test
  void wicBertTemplateMakesAPairOfWordPrefixedSentences() {
    SentencePairExample first = (SentencePairExample) TaskRegistry.get("wic", 1)
        .load(Split.TRAIN, DataDirectory.resolve()).examples().get(0);
    assertEquals("place: Do you want to come over to my place later?", first.textA());
    assertEquals("place: A political system with no place for the less prominent groups.", first.textB());
  }

  @Test
  void wsc() {
    assertEquals(Map.of("False", 295L, "True", 259L), labels("wsc", Split.TRAIN));
    assertEquals(Map.of("False", 66L, "True", 38L), labels("wsc", Split.DEV));
    assertEquals(146, load("wsc", Split.TEST).size());
    SentencePairExample first = load("wsc", Split.TRAIN).examplesOf(SentencePairExample.class).get(0);
    assertEquals("He: Mark told Pete many lies about himself, which Pete included in his book. He should"
        + " have been more skeptical.", first.textA());
    assertEquals("Mark", first.textB());
  }

  @Test
  void copa() {
    List<MultipleChoiceExample> train = load("copa", Split.TRAIN).examplesOf(MultipleChoiceExample.class);
    assertEquals(Map.of(0L, 195L, 1L, 205L), choiceCounts(train));
    assertEquals(Map.of(0L, 55L, 1L, 45L),
        choiceCounts(load("copa", Split.DEV).examplesOf(MultipleChoiceExample.class)));
    assertEquals(500, load("copa", Split.TEST).size());
    // First train record: question "cause", so the official joiner is "because".
    assertEquals("My body cast a shadow over the grass. because", train.get(0).context());
    assertEquals(List.of("The sun was rising.", "The grass was cut."), train.get(0).choices());
  }

  @Test
  void multiRcHasOneExamplePerAnswerOption() {
    assertMultiRc(Split.TRAIN, 5131, 27243);
    assertMultiRc(Split.DEV, 953, 4848);
    assertMultiRc(Split.TEST, 1820, 9693);
  }

  private static void assertMultiRc(Split split, int questions, int options) {
    List<SentencePairExample> examples = load("multirc", split).examplesOf(SentencePairExample.class);
    assertEquals(options, examples.size());
    long distinctQuestions = examples.stream()
        .map(e -> ((PairSource.MultiRcSource) e.source()).questionGroup()).distinct().count();
    assertEquals(questions, distinctQuestions);
  }

  @Test
  void fewGlueSetsHave32RecordsEach() {
    Path root = DataDirectory.resolve().resolve("superglue_fewshot/FewGLUE_32dev");
    for (String task : List.of("boolq", "cb", "copa", "rte", "wic", "wsc")) {
      Task full = TaskRegistry.get(task);
      String dir = full.files().get(Split.TRAIN).get(0).split("/")[1];
      for (String file : List.of("train.jsonl", "dev32.jsonl")) {
        assertEquals(32, full.reader().read(root.resolve(dir).resolve(file)).size(), task + " " + file);
      }
    }
  }

  @Test
  void fewGlueMultiRcAndRecordSetsHave32RecordsEach() {
    Path root = DataDirectory.resolve().resolve("superglue_fewshot/FewGLUE_32dev");
    for (String file : List.of("train.jsonl", "dev32.jsonl")) {
      List<SentencePairExample> options = TaskRegistry.get("multirc").reader()
          .read(root.resolve("MultiRC").resolve(file)).examplesOf(SentencePairExample.class);
      assertEquals(32, options.stream()
          .map(e -> ((PairSource.MultiRcSource) e.source()).questionGroup().split("-")[0]).distinct().count(), file);
      List<SentencePairExample> candidates = TaskRegistry.get("record").reader()
          .read(root.resolve("ReCoRD").resolve(file)).examplesOf(SentencePairExample.class);
      // Each FewGLUE ReCoRD record holds one query.
      assertEquals(32, candidates.stream()
          .map(e -> ((PairSource.RecordSource) e.source()).queryId()).distinct().count(), file);
    }
  }

  @Test
  void fewGlueRecordGivesOneCandidatePerDistinctEntity() {
    Path train = TestData.file("superglue_fewshot/FewGLUE_32dev/ReCoRD/train.jsonl");
    List<SentencePairExample> candidates =
        TaskRegistry.get("record").reader().read(train).examplesOf(SentencePairExample.class);
    Map<String, List<SentencePairExample>> byQuery = candidates.stream()
        .collect(Collectors.groupingBy(e -> ((PairSource.RecordSource) e.source()).queryId()));
    assertEquals(32, byQuery.size());
    for (List<SentencePairExample> query : byQuery.values()) {
      assertTrue(query.stream().anyMatch(e -> e.label().index() == 1), "every query has a gold candidate");
    }
    // First query of the file: "Olimpija Ljubljana" is the answer and fills the placeholder.
    SentencePairExample answer = byQuery.get("4756").stream()
        .filter(e -> ((PairSource.RecordSource) e.source()).candidate().equals("Olimpija Ljubljana"))
        .findFirst().orElseThrow();
    assertEquals(1, answer.label().index());
    assertTrue(answer.textB().endsWith("the best thing was that Olimpija Ljubljana made it difficult."));
    assertTrue(answer.textA().contains("\n- Chelsea come from behind"), "@highlight lines become '- '");
  }

  private static Map<Long, Long> choiceCounts(List<MultipleChoiceExample> examples) {
    return examples.stream().collect(Collectors.groupingBy(e -> (long) e.label(), Collectors.counting()));
  }

}
