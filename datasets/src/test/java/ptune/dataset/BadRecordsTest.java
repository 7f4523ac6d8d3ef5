package ptune.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ptune.dataset.qa.SquadReader;
import ptune.tasks.TaskRegistry;

/**
 * Every reader fails on a bad record with a message naming file, line (or record) and field, and
 * with {@link ReadOptions#SKIP_BAD_RECORDS} drops it and counts it instead.
 */
class BadRecordsTest {

  @TempDir Path dir;

  private Path write(String name, String... lines) throws IOException {
    Path file = dir.resolve(name);
    Files.write(file, List.of(lines), StandardCharsets.UTF_8);
    return file;
  }

  private static DatasetFormatException strictFailure(DatasetReader reader, Path file) {
    return assertThrows(DatasetFormatException.class, () -> reader.read(file, ReadOptions.STRICT));
  }

  @Test
  void unknownLabelInJsonLines() throws IOException {
    Path file = write("cb.jsonl",
        "{\"premise\": \"p\", \"hypothesis\": \"h\", \"label\": \"neutral\", \"idx\": 0}",
        "{\"premise\": \"p\", \"hypothesis\": \"h\", \"label\": \"maybe\", \"idx\": 1}",
        "{\"premise\": \"p\", \"hypothesis\": \"h\", \"label\": \"entailment\", \"idx\": 2}");
    DatasetReader reader = TaskRegistry.get("cb").reader();
    DatasetFormatException error = strictFailure(reader, file);
    assertEquals(2, error.line());
    assertEquals("label", error.field());
    assertTrue(error.getMessage().startsWith(file + ", line 2, field 'label': unknown label 'maybe'"),
        error.getMessage());

    ReadResult lenient = reader.read(file, ReadOptions.SKIP_BAD_RECORDS);
    assertEquals(2, lenient.size());
    assertEquals(1, lenient.skippedRecords());
    assertEquals(List.of("0", "2"), lenient.examples().stream().map(Example::id).toList());
  }

  @Test
  void malformedJsonAndMissingField() throws IOException {
    Path file = write("rte.jsonl",
        "{\"premise\": \"p\", \"hypothesis\": \"h\", \"label\": \"entailment\", \"idx\": 0",
        "{\"premise\": \"p\", \"label\": \"entailment\", \"idx\": 1}");
    DatasetReader reader = TaskRegistry.get("rte").reader();
    DatasetFormatException error = strictFailure(reader, file);
    assertEquals(1, error.line());
    assertTrue(error.getMessage().contains("malformed JSON"), error.getMessage());

    ReadResult lenient = reader.read(file, ReadOptions.SKIP_BAD_RECORDS);
    assertEquals(0, lenient.size());
    assertEquals(2, lenient.skippedRecords());
    assertTrue(lenient.skippedMessages().get(1).contains("line 2, field 'hypothesis': missing field"),
        lenient.skippedMessages().get(1));
  }

  @Test
  void tsvRowWithTooFewColumns() throws IOException {
    Path file = write("dev.tsv", "index\tsentence1\tsentence2\tlabel", "0\ta\tb\tentailment", "1\ta only");
    DatasetReader reader = TaskRegistry.get("glue-rte").reader();
    DatasetFormatException error = strictFailure(reader, file);
    assertEquals(3, error.line());
    assertTrue(error.getMessage().contains("expected 4 tab-separated columns, got 2"), error.getMessage());
    assertEquals(1, reader.read(file, ReadOptions.SKIP_BAD_RECORDS).skippedRecords());
  }

  @Test
  void regressionScoreThatIsNotANumber() throws IOException {
    Path file = write("sts.tsv",
        "index\tgenre\tfilename\tyear\told_index\tsource1\tsource2\tsentence1\tsentence2\tscore",
        "0\tg\tf\ty\t0\ts\ts\ta\tb\tfive");
    DatasetFormatException error = strictFailure(TaskRegistry.get("stsb").reader(), file);
    assertEquals("score", error.field());
    assertEquals(2, error.line());
  }

  @Test
  void unknownNerTagNamesItsLine() throws IOException {
    Path file = write("train.txt", "-DOCSTART- -X- O O", "", "EU NNP I-NP I-ORG", "rejects VBZ I-VP I-FOO", "",
        "Peter NNP I-NP I-PER", "");
    DatasetReader reader = TaskRegistry.get("conll03").reader();
    DatasetFormatException error = strictFailure(reader, file);
    assertEquals(4, error.line());
    assertTrue(error.getMessage().contains("unknown label 'B-FOO'"), error.getMessage());
    ReadResult lenient = reader.read(file, ReadOptions.SKIP_BAD_RECORDS);
    assertEquals(1, lenient.size());
    assertEquals(1, lenient.skippedRecords());
  }

  @Test
  void conll04TokenIndexOutOfOrder() throws IOException {
    Path file = write("train.txt", "#doc 1", "0\tJohn\tB-Peop\t['N']\t[0]", "2\truns\tO\t['N']\t[1]");
    DatasetFormatException error = strictFailure(TaskRegistry.get("conll04").reader(), file);
    assertEquals(3, error.line());
    assertEquals("token_index", error.field());
  }

  @Test
  void unbalancedSrlBracket() throws IOException {
    Path words = write("w.words", "John", "runs", "");
    Path props = write("p.props", "-  (A0*", "run  (V*)", "");
    DatasetReader reader = TaskRegistry.get("conll05").reader();
    DatasetFormatException error =
        assertThrows(DatasetFormatException.class, () -> reader.read(List.of(words, props), ReadOptions.STRICT));
    assertTrue(error.getMessage().contains("opens a span inside (A0"), error.getMessage());
    assertEquals(1, reader.read(List.of(words, props), ReadOptions.SKIP_BAD_RECORDS).skippedRecords());
  }

  @Test
  void squadAnswerThatIsNotAtItsOffset() throws IOException {
    Path file = write("dev.json", "{\"data\": [{\"title\": \"t\", \"paragraphs\": [{\"context\": \"Paris is in France.\","
        + " \"qas\": [{\"id\": \"a\", \"question\": \"q?\", \"answers\": [{\"text\": \"Paris\", \"answer_start\": 0}]},"
        + " {\"id\": \"b\", \"question\": \"q?\", \"answers\": [{\"text\": \"France\", \"answer_start\": 3}]}]}]}]}");
    SquadReader reader = new SquadReader();
    DatasetFormatException error = strictFailure(reader, file);
    assertTrue(error.getMessage().startsWith(file + ", record 2, field 'answers.answer_start': answer 'France'"),
        error.getMessage());
    assertTrue(error.getMessage().endsWith("(question id b)"), error.getMessage());
    ReadResult lenient = reader.read(file, ReadOptions.SKIP_BAD_RECORDS);
    assertEquals(List.of("a"), lenient.examples().stream().map(Example::id).toList());
  }

  @Test
  void recordAnswerThatDoesNotMatchItsSpan() throws IOException {
    Path file = write("record.jsonl", "{\"passage\": {\"text\": \"Ann met Bob.\", \"entities\": [{\"start\": 0, \"end\": 2},"
        + " {\"start\": 8, \"end\": 10}]}, \"qas\": [{\"query\": \"@placeholder smiled\", \"idx\": \"q\","
        + " \"answers\": [{\"start\": 8, \"end\": 10, \"text\": \"Ann\"}]}], \"idx\": 0}");
    DatasetFormatException error = strictFailure(TaskRegistry.get("record").reader(), file);
    assertEquals("qas.answers", error.field());
    assertTrue(error.getMessage().contains("answer text 'Ann' does not match its span"), error.getMessage());
  }
}
