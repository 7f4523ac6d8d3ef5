package ptune.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import ptune.dataset.Split;
import ptune.dataset.TaskKind;

/**
 * Declarations are checked key by key before any file is read (each error names its key), read
 * back from what they write (checkpoints and trial ids rely on it), and the built-in tasks are
 * definitions of the same kind.
 */
class TaskDefinitionParserTest {

  private static Map<String, Object> ner() {
    Map<String, Object> d = new HashMap<>();
    d.put("kind", "tagging");
    d.put("format", "conll");
    d.put("separator", "tab");
    d.put("tag_column", 2);
    d.put("scheme", "bioes");
    d.put("files", Map.of("train", "a.tsv", "dev", "b.tsv", "test", List.of("c.tsv", "d.tsv")));
    d.put("labels", List.of("DIS", "CHEM"));
    d.put("metric", "f1");
    return d;
  }

  @Test
  void aDeclarationReadsIntoADefinitionAndBack() {
    TaskDefinition ner = TaskDefinitionParser.parse("bio-ner", ner());
    assertEquals(TaskKind.TOKEN_CLASSIFICATION, ner.kind());
    assertEquals(List.of("O", "B-DIS", "I-DIS", "B-CHEM", "I-CHEM"), ner.labels()); // types -> BIO, in order
    assertEquals(List.of("c.tsv", "d.tsv"), ner.files().get(Split.TEST));
    assertTrue(ner.labelledTest());
    assertEquals(ner, TaskDefinitionParser.parse("bio-ner", TaskDefinitionParser.toMap(ner)));
    assertEquals(ner, TaskDefinitionJson.read(TaskDefinitionJson.write(ner)));

    TaskDefinition pairs = TaskDefinitionParser.parse("claims", Map.of("kind", "classification", "format", "jsonl",
        "fields", Map.of("text_a", "claim", "text_b", "evidence", "label", "verdict"),
        "files", Map.of("train", "t.jsonl", "dev", "d.jsonl"), "metric", "mcc"));
    assertNull(pairs.labels()); // from train, when read
    assertEquals(pairs, TaskDefinitionJson.read(TaskDefinitionJson.write(pairs)));
    assertEquals(pairs.withLabels(List.of("no", "yes")),
        TaskDefinitionJson.read(TaskDefinitionJson.write(pairs.withLabels(List.of("no", "yes")))));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "kind | sorting | 'sorting' is not a kind",
      "format | xml | 'xml' is not a format",
      "metric | accuracy | 'accuracy' is not a metric of tagging tasks (f1, precision, recall)",
      "scheme | bilou | 'bilou': bio, iob1 or bioes",
      "separator | comma | 'comma': tab or spaces",
      "tag_column | -1 | expected a 0-based column number",
      "colour | red | unknown key",
      "labels | B-DIS | expected a list of names",
  })
  void eachWrongKeyIsNamed(String key, String value, String message) {
    Map<String, Object> d = ner();
    d.put(key, key.equals("tag_column") ? Integer.valueOf(value) : value);
    TaskDefinitionParser.Problem problem =
        assertThrows(TaskDefinitionParser.Problem.class, () -> TaskDefinitionParser.parse("bio-ner", d));
    assertEquals(key, problem.key());
    assertTrue(problem.problem().contains(message), problem.getMessage());
  }

  @Test
  void missingAndInconsistentKeysAreNamed() {
    Map<String, Object> noDev = ner();
    noDev.put("files", Map.of("train", "a.tsv"));
    assertEquals("files.dev", problem(noDev).key());

    Map<String, Object> tags = ner();
    tags.put("labels", List.of("B-DIS"));
    assertTrue(problem(tags).problem().contains("entity types, not tags"), problem(tags).getMessage());

    Map<String, Object> pairsAsConll = ner();
    pairsAsConll.put("kind", "classification");
    assertEquals("format", problem(pairsAsConll).key());

    Map<String, Object> binaryF1OfThree = new HashMap<>(Map.of("kind", "classification", "format", "jsonl",
        "fields", Map.of("text_a", "a", "label", "l"), "files", Map.of("train", "t", "dev", "d"),
        "labels", List.of("x", "y", "z"), "metric", "f1"));
    assertTrue(problem(binaryF1OfThree).problem().contains("macro_f1"), problem(binaryF1OfThree).getMessage());

    Map<String, Object> noLabelField = new HashMap<>(binaryF1OfThree);
    noLabelField.put("fields", Map.of("text_a", "a"));
    assertEquals("fields.label", problem(noLabelField).key());

    TaskDefinitionParser.Problem builtin = assertThrows(TaskDefinitionParser.Problem.class,
        () -> TaskDefinitionParser.parse("conll03", ner()));
    assertTrue(builtin.getMessage().contains("built-in"), builtin.getMessage());
  }

  private static TaskDefinitionParser.Problem problem(Map<String, Object> declaration) {
    return assertThrows(TaskDefinitionParser.Problem.class, () -> TaskDefinitionParser.parse("t", declaration));
  }

  @Test
  void builtInTasksAreDefinitionsToo() {
    TaskDefinition conll03 = TaskRegistry.definition("conll03");
    assertEquals(new TaskFormat.Conll(ptune.dataset.ner.ConllColumnsReader.Separator.SPACES, 0, 3,
        ptune.dataset.ner.TagScheme.IOB1, "-DOCSTART-"), conll03.format());
    assertEquals(TaskRegistry.get("conll03").labels().names(), conll03.labels());
    // A built-in task that a mapping describes writes a declaration a config could hold.
    TaskDefinition asDeclared = TaskDefinitionParser.parse("my-conll03", TaskDefinitionParser.toMap(conll03));
    assertEquals(conll03.format(), asDeclared.format());
    assertEquals(conll03.files(), asDeclared.files());
    assertEquals(TaskRegistry.definition("sst2").format(),
        TaskDefinitionParser.parse("my-sst2", TaskDefinitionParser.toMap(TaskRegistry.definition("sst2"))).format());
  }
}
