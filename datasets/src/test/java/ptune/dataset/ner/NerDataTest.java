package ptune.dataset.ner;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import ptune.dataset.DataDirectory;
import ptune.dataset.Example;
import ptune.dataset.Split;
import ptune.tasks.TaskRegistry;
import ptune.dataset.TokenTaggingExample;
import ptune.testing.EntityCounts;

/** Loads the CoNLL-2003 and CoNLL-2004 files and checks the counts of the data README. */
class NerDataTest {

  private static List<Example> load(String task, Split split) {
    return TaskRegistry.get(task).load(split, DataDirectory.resolve()).examples();
  }

  @Test
  void conll03SentencesAndTokens() {
    assertEquals(14041, load("conll03", Split.TRAIN).size());
    assertEquals(203621, EntityCounts.tokens(load("conll03", Split.TRAIN)));
    assertEquals(3250, load("conll03", Split.DEV).size());
    assertEquals(51362, EntityCounts.tokens(load("conll03", Split.DEV)));
    assertEquals(3453, load("conll03", Split.TEST).size());
    assertEquals(46435, EntityCounts.tokens(load("conll03", Split.TEST)));
  }

  @Test
  void conll03TrainEntitiesMatchTheSharedTaskStatistics() {
    // Tjong Kim Sang & De Meulder (2003), Table 2, English training data.
    assertEquals(Map.of("LOC", 7140L, "MISC", 3438L, "ORG", 6321L, "PER", 6600L),
        EntityCounts.of(load("conll03", Split.TRAIN)));
  }

  @Test
  void conll03TagsAreConvertedToBio() {
    // "EU rejects German call to boycott British lamb ." is IOB1 "I-ORG O I-MISC O O O I-MISC O O".
    TokenTaggingExample first = (TokenTaggingExample) load("conll03", Split.TRAIN).get(0);
    assertEquals(List.of("EU", "rejects", "German", "call", "to", "boycott", "British", "lamb", "."), first.words());
    assertEquals(List.of("B-ORG", "O", "B-MISC", "O", "O", "O", "B-MISC", "O", "O"), first.tags());
  }

  @Test
  void conll04DocumentsTokensAndEntities() {
    assertConll04(Split.TRAIN, 910, 26804, Map.of("Loc", 1203L, "Peop", 1145L, "Org", 595L, "Other", 448L));
    assertConll04(Split.DEV, 243, 6975, Map.of("Loc", 337L, "Peop", 225L, "Org", 190L, "Other", 125L));
    assertConll04(Split.TEST, 288, 8408, Map.of("Loc", 427L, "Peop", 321L, "Org", 198L, "Other", 133L));
  }

  /** The README counts entities by their B- tags. */
  private static void assertConll04(Split split, int documents, long tokens, Map<String, Long> bTags) {
    List<Example> examples = load("conll04", split);
    assertEquals(documents, examples.size());
    assertEquals(tokens, EntityCounts.tokens(examples));
    Map<String, Long> counted = examples.stream()
        .flatMap(e -> ((TokenTaggingExample) e).tags().stream())
        .filter(tag -> tag.startsWith("B-"))
        .collect(Collectors.groupingBy(tag -> tag.substring(2), Collectors.counting()));
    assertEquals(bTags, counted);
  }

  @Test
  void conll04TrainHasTwoEntitiesWithoutBTagThatSeqevalStillCounts() {
    // Doc 4295 tags "People" I-Loc after O and doc 1395 tags "Church" I-Org after O. Evaluation
    // (seqeval default mode) starts an entity there, so there is one Loc and one Org more than B- tags.
    assertEquals(Map.of("Loc", 1204L, "Peop", 1145L, "Org", 596L, "Other", 448L),
        EntityCounts.of(load("conll04", Split.TRAIN)));
  }
}
