package ptune.dataset.srl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import ptune.dataset.ColumnBlock;
import ptune.dataset.DataDirectory;
import ptune.dataset.Example;
import ptune.dataset.Split;
import ptune.tasks.TaskRegistry;
import ptune.dataset.TextFile;
import ptune.dataset.TokenTaggingExample;
import ptune.testing.EntityCounts;
import ptune.testing.TestData;

class SrlDataTest {

  private static final List<Example> BROWN =
      TaskRegistry.get("conll05").load(Split.TEST, DataDirectory.resolve()).examples();

  @Test
  void brownTestHas426SentencesOf7159TokensAnd804Propositions() {
    List<ColumnBlock> sentences = ColumnBlock.split(
        TextFile.readLines(TestData.file("srl/conll2005_public_brown/test.brown/words/test.brown.words.gz")),
        Pattern.compile("\\s+"), line -> false, line -> false);
    assertEquals(426, sentences.size());
    assertEquals(7159, sentences.stream().mapToInt(ColumnBlock::size).sum());
    assertEquals(804, BROWN.size());
    // Ids are "sentence/proposition"; the last sentence has predicates, so it shows the count too.
    assertEquals("425", BROWN.get(BROWN.size() - 1).id().split("/")[0]);
  }

  @Test
  void brownArgumentCountsMatchTheBracketsInTheReleaseFile() {
    // Counted with grep over the props file's opening brackets "(TYPE*".
    Map<String, Long> expected = new TreeMap<>(Map.ofEntries(
        Map.entry("V", 804L), Map.entry("A1", 676L), Map.entry("A0", 566L), Map.entry("A2", 147L),
        Map.entry("AM-ADV", 143L), Map.entry("AM-TMP", 112L), Map.entry("AM-MNR", 110L),
        Map.entry("AM-MOD", 91L), Map.entry("AM-LOC", 85L), Map.entry("AM-DIR", 53L),
        Map.entry("AM-NEG", 50L), Map.entry("R-A0", 25L), Map.entry("AM-DIS", 22L),
        Map.entry("R-A1", 21L), Map.entry("C-A1", 19L), Map.entry("AM-PNC", 17L), Map.entry("A4", 15L),
        Map.entry("A3", 12L), Map.entry("R-AM-TMP", 10L), Map.entry("AM-CAU", 8L),
        Map.entry("AM-EXT", 5L), Map.entry("R-AM-LOC", 4L), Map.entry("C-V", 4L),
        Map.entry("R-AM-MNR", 2L), Map.entry("R-AM-CAU", 2L), Map.entry("C-AM-MNR", 1L),
        Map.entry("AM-PRD", 1L)));
    assertEquals(expected, EntityCounts.of(BROWN));
  }

  @Test
  void firstPropositionHasThePredicateTalkedAndBioArguments() {
    // Sentence 2 "His parents talked seriously and lengthily to their own doctor and ..." with
    // (A0* *) (V*) (AM-MNR* * *) (A2* ... *).
    TokenTaggingExample first = (TokenTaggingExample) BROWN.get(0);
    assertEquals(2, first.predicateIndex());
    assertEquals("talked", first.words().get(2));
    assertEquals(List.of("B-A0", "I-A0", "B-V", "B-AM-MNR", "I-AM-MNR", "I-AM-MNR", "B-A2"),
        first.tags().subList(0, 7));
  }
}
