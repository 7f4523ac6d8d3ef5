package ptune.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ptune.dataset.DataFiles;
import ptune.dataset.DatasetFormatException;
import ptune.dataset.Label;
import ptune.dataset.MultipleChoiceExample;
import ptune.dataset.ReadOptions;
import ptune.dataset.ReadResult;
import ptune.dataset.SentencePairExample;
import ptune.dataset.SpanExtractionExample;
import ptune.dataset.Split;
import ptune.dataset.Task;
import ptune.dataset.TokenTaggingExample;

/**
 * Tasks declared as data (the maps a sweep config holds) read files the test writes in each
 * format: a tab-separated tagging file in BIOES with entity types of its own, JSON Lines pairs and
 * multiple choice under other field names, a headerless TSV, a SQuAD file with integer ids and
 * answer offsets that are off (refused, or re-anchored and listed with the option).
 */
class DeclaredTaskReadingTest {

  @TempDir Path data;

  private Path write(String name, String... lines) throws Exception {
    Path file = data.resolve(name);
    Files.createDirectories(file.getParent());
    Files.write(file, List.of(lines));
    return file;
  }

  @Test
  void tabSeparatedBioesTaggingWithItsOwnEntityTypes() throws Exception {
    // Columns: index, word, tag (the shape: the tag in its own tab-separated column).
    write("ner/train.tsv",
        "1\tAspirin\tS-CHEM", "2\trelieves\tO", "3\tchronic\tB-DIS", "4\tback\tI-DIS", "5\tpain\tE-DIS", "",
        "1\tIbuprofen\tS-CHEM", "2\thelps\tO", "");
    write("ner/dev.tsv", "1\tMigraine\tS-DIS", "2\tresponds\tO", "");
    TaskDefinition definition = TaskDefinitionParser.parse("bio-ner", Map.of(
        "kind", "tagging", "format", "conll", "separator", "tab", "word_column", 1, "tag_column", 2,
        "scheme", "bioes", "files", Map.of("train", "ner/train.tsv", "dev", "ner/dev.tsv"), "metric", "f1"));

    assertEquals(List.of("O", "B-CHEM", "I-CHEM", "B-DIS", "I-DIS"), definition.labelsFrom(DataFiles.under(data)));
    assertEquals(definition.labelsFrom(DataFiles.under(data)), definition.checkLabels(DataFiles.under(data)));
    Task task = definition.task(data);
    List<TokenTaggingExample> train = task.load(Split.TRAIN, data).examplesOf(TokenTaggingExample.class);
    assertEquals(2, train.size());
    assertEquals(List.of("Aspirin", "relieves", "chronic", "back", "pain"), train.get(0).words());
    assertEquals(List.of("B-CHEM", "O", "B-DIS", "I-DIS", "I-DIS"), train.get(0).tags()); // BIOES -> BIO
    assertEquals(List.of("B-DIS", "O"), task.load(Split.DEV, data).examplesOf(TokenTaggingExample.class).get(0).tags());
  }

  @Test
  void aLabelOnlyDevHoldsIsAnErrorNamingItsFileAndLine() throws Exception {
    write("ner/train.tsv", "Aspirin\tB-CHEM", "works\tO", "");
    Path dev = write("ner/dev.tsv", "It\tO", "", "Migraine\tB-DIS", "");
    TaskDefinition definition = TaskDefinitionParser.parse("bio-ner", Map.of(
        "kind", "tagging", "format", "conll", "separator", "tab", "tag_column", 1,
        "files", Map.of("train", "ner/train.tsv", "dev", "ner/dev.tsv"), "metric", "f1"));
    DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> definition.checkLabels(DataFiles.under(data)));
    assertTrue(e.getMessage().contains(dev.toString()) && e.getMessage().contains("line 3")
        && e.getMessage().contains("B-DIS") && e.getMessage().contains("train"), e.getMessage());

    // A tag the scheme does not have fails at its line too.
    write("ner/dev.tsv", "Migraine\tS-CHEM", "");
    DatasetFormatException scheme = assertThrows(DatasetFormatException.class, () -> definition.checkLabels(DataFiles.under(data)));
    assertTrue(scheme.getMessage().contains("line 1") && scheme.getMessage().contains("S-CHEM")
        && scheme.getMessage().contains("BIO"), scheme.getMessage());
  }

  @Test
  void jsonLinesPairsUnderOtherFieldNames() throws Exception {
    write("claims/train.jsonl",
        "{\"uid\": 7, \"claim\": \"The sky is green.\", \"evidence\": \"The sky is blue.\", \"verdict\": \"refuted\"}",
        "{\"uid\": 8, \"claim\": \"Water is wet.\", \"evidence\": \"Water wets things.\", \"verdict\": \"supported\"}",
        "",
        "{\"uid\": 9, \"claim\": \"Cats bark.\", \"evidence\": \"Nothing is said.\", \"verdict\": \"unknown\"}");
    write("claims/dev.jsonl", "{\"uid\": 1, \"claim\": \"A\", \"evidence\": \"B\", \"verdict\": \"supported\"}",
        "{\"uid\": 2, \"claim\": \"C\", \"evidence\": \"D\"}");
    TaskDefinition definition = TaskDefinitionParser.parse("claims", Map.of(
        "kind", "classification", "format", "jsonl",
        "fields", Map.of("id", "uid", "text_a", "claim", "text_b", "evidence", "label", "verdict"),
        "files", Map.of("train", "claims/train.jsonl", "dev", "claims/dev.jsonl"), "metric", "macro_f1"));
    Task task = definition.task(data);
    assertEquals(List.of("refuted", "supported", "unknown"), task.labels().names());
    List<SentencePairExample> train = task.load(Split.TRAIN, data).examplesOf(SentencePairExample.class);
    assertEquals(3, train.size());
    assertEquals("7", train.get(0).id());
    assertEquals("The sky is green.", train.get(0).textA());
    assertEquals("The sky is blue.", train.get(0).textB());
    assertEquals(Label.category(0), train.get(0).label());
    assertEquals(Label.UNLABELED, task.load(Split.DEV, data).examplesOf(SentencePairExample.class).get(1).label());
    assertEquals("macro_f1", task.selectionMetric());
  }

  @Test
  void singleTextTsvWithoutHeaderAndNumericLabels() throws Exception {
    write("reviews/train.tsv", "a1\tgreat film\t1", "a2\tdull\t0", "a3\tfine\t10");
    write("reviews/dev.tsv", "b1\tok\t1");
    TaskDefinition definition = TaskDefinitionParser.parse("reviews", Map.of(
        "kind", "classification", "format", "tsv", "header", List.of("id", "text", "stars"),
        "fields", Map.of("id", "id", "text_a", "text", "label", "stars"),
        "files", Map.of("train", "reviews/train.tsv", "dev", "reviews/dev.tsv"), "metric", "accuracy"));
    Task task = definition.task(data);
    assertEquals(List.of("0", "1", "10"), task.labels().names()); // numeric order, not "0", "1", "10" by chance
    SentencePairExample first = task.load(Split.TRAIN, data).examplesOf(SentencePairExample.class).get(0);
    assertEquals("a1", first.id());
    assertEquals(null, first.textB());
    assertEquals(Label.category(1), first.label());
  }

  @Test
  void multipleChoiceFromAnArrayField() throws Exception {
    write("mc/train.jsonl", "{\"q\": \"The ground is wet because\", \"options\": [\"it rained\", \"it was sunny\"], \"answer\": 0}");
    write("mc/dev.jsonl", "{\"q\": \"He was thirsty so\", \"options\": [\"he slept\", \"he drank\", \"he ran\"], \"answer\": 1}");
    TaskDefinition definition = TaskDefinitionParser.parse("mc", Map.of(
        "kind", "multiple_choice", "format", "jsonl", "fields", Map.of("text_a", "q", "choices", "options", "label", "answer"),
        "files", Map.of("train", "mc/train.jsonl", "dev", "mc/dev.jsonl"), "metric", "accuracy"));
    MultipleChoiceExample dev = definition.task(data).load(Split.DEV, data).examplesOf(MultipleChoiceExample.class).get(0);
    assertEquals("0", dev.id());
    assertEquals(List.of("he slept", "he drank", "he ran"), dev.choices());
    assertEquals(1, dev.label());
  }

  @Test
  void squadWithIntegerIdsAndShiftedOffsets() throws Exception {
    String context = "Packet switching groups data into packets. Packets are routed independently.";
    int packets = context.indexOf("packets"); // 34, the first lower-case "packets"
    Path file = write("qa/dev.json", """
        {"version": "x", "data": [{"title": "Networks", "paragraphs": [{"context": "%s", "qas": [
          {"id": 1, "question": "What is grouped?", "answers": [{"text": "data", "answer_start": %d}]},
          {"id": 2, "question": "Into what?", "answers": [{"text": "packets", "answer_start": %d}]}
        ]}]}]}
        """.formatted(context, context.indexOf("data"), packets + 2));
    Map<String, Object> declaration = new java.util.HashMap<>(Map.of(
        "kind", "span_qa", "format", "squad", "files", Map.of("train", "qa/dev.json", "dev", "qa/dev.json"),
        "metric", "f1"));

    // Without the option the shifted answer fails the read, naming the file, the record and the option.
    Task strict = TaskDefinitionParser.parse("other-qa", declaration).task(data);
    DatasetFormatException refused = assertThrows(DatasetFormatException.class, () -> strict.load(Split.DEV, data));
    assertTrue(refused.getMessage().contains(file.toString()) && refused.getMessage().contains("record 2")
        && refused.getMessage().contains("answer_start") && refused.getMessage().contains("reanchor_window"),
        refused.getMessage());

    // With it the answer moves back to its text, and the move is listed.
    declaration.put("reanchor_window", 3);
    ReadResult read = TaskDefinitionParser.parse("other-qa", declaration).task(data).load(Split.DEV, data, ReadOptions.STRICT);
    List<SpanExtractionExample> questions = read.examplesOf(SpanExtractionExample.class);
    assertEquals(List.of("1", "2"), questions.stream().map(SpanExtractionExample::id).toList());
    assertEquals(packets, questions.get(1).answers().get(0).charStart());
    assertEquals(context.indexOf("data"), questions.get(0).answers().get(0).charStart()); // already right: kept
    assertEquals(1, read.repairs().size());
    assertTrue(read.repairs().get(0).contains("question id 2") && read.repairs().get(0).contains("from offset "
        + (packets + 2) + " to " + packets), read.repairs().get(0));

    // A window too small to reach the text still refuses.
    declaration.put("reanchor_window", 1);
    Task tooSmall = TaskDefinitionParser.parse("other-qa", declaration).task(data);
    assertThrows(DatasetFormatException.class, () -> tooSmall.load(Split.DEV, data));
  }
}
