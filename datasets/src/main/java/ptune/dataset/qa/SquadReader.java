package ptune.dataset.qa;

import static ptune.dataset.JsonFields.array;
import static ptune.dataset.JsonFields.id;
import static ptune.dataset.JsonFields.integer;
import static ptune.dataset.JsonFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import ptune.dataset.BadRecords;
import ptune.dataset.DatasetFormatException;
import ptune.dataset.DatasetReader;
import ptune.dataset.Example;
import ptune.dataset.ReadOptions;
import ptune.dataset.ReadResult;
import ptune.dataset.RecordProblem;
import ptune.dataset.SpanExtractionExample;
import ptune.dataset.SpanExtractionExample.Answer;

/**
 * SQuAD 1.1 and 2.0 JSON: articles, paragraphs (context), questions with gold answers as text plus
 * character offset. A 2.0 question with {@code is_impossible} has no answers. Every answer must be
 * found at its offset, otherwise the training span would be wrong. Errors name the question by its
 * 1-based position in the file ("record") and its id. Each question remembers its article's title
 * (or its position in the file when untitled), the group samples and splits keep whole.
 *
 * <p>SQuAD-format files from other sources often number their questions (integer ids, accepted as
 * their decimal text) and have answer offsets that are off by a character or more. Such an answer
 * fails the read unless {@code reanchorWindow} is set: then an answer whose text is not at its
 * offset moves to the nearest occurrence of its text within that many characters of it (the
 * earlier one on a tie), and every move is listed in {@link ReadResult#repairs()}. Never silently:
 * with no occurrence in the window the read still fails.
 *
 * @param reanchorWindow characters either side of a wrong offset searched for the answer; 0: none
 */
public record SquadReader(int reanchorWindow) implements DatasetReader {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The official files: every answer where its offset says. */
  public SquadReader() {
    this(0);
  }

  public SquadReader {
    if (reanchorWindow < 0) {
      throw new IllegalArgumentException("reanchorWindow must be >= 0, got " + reanchorWindow);
    }
  }

  @Override
  public ReadResult read(List<Path> files, ReadOptions options) {
    BadRecords bad = new BadRecords(options);
    List<String> repairs = new ArrayList<>();
    List<Example> examples = new ArrayList<>();
    for (Path file : files) {
      int record = 0;
      int articleIndex = 0;
      for (JsonNode article : array(parse(file), "data")) {
        articleIndex++;
        String title = article.hasNonNull("title") ? article.get("title").asText()
            : "article " + articleIndex + " of " + file.getFileName();
        for (JsonNode paragraph : array(article, "paragraphs")) {
          String context = text(paragraph, "context");
          for (JsonNode qa : array(paragraph, "qas")) {
            record++;
            try {
              List<String> moves = new ArrayList<>(); // kept only if the whole question reads
              examples.add(toExample(qa, context, title, moves::add));
              String question = file + ": record " + recordNumber(qa, record) + ": ";
              moves.forEach(move -> repairs.add(question + move));
            } catch (RecordProblem problem) {
              String where = qa.has("id") ? " (question id " + qa.get("id").asText() + ")" : "";
              bad.handle(new DatasetFormatException(
                  file, "record", record, problem.field(), problem.getMessage() + where));
            }
          }
        }
      }
    }
    return new ReadResult(examples, bad.skipped(), repairs);
  }

  private static JsonNode parse(Path file) {
    try {
      return JSON.readTree(file.toFile());
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new DatasetFormatException(
          file, e.getLocation().getLineNr(), null, "malformed JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private static String recordNumber(JsonNode qa, int record) {
    return record + (qa.has("id") ? " (question id " + qa.get("id").asText() + ")" : "");
  }

  private SpanExtractionExample toExample(JsonNode qa, String context, String title, Consumer<String> repaired) {
    boolean impossible = qa.path("is_impossible").asBoolean(false);
    List<Answer> answers = new ArrayList<>();
    for (JsonNode answer : array(qa, "answers")) {
      String answerText = text(answer, "text");
      int given = integer(answer, "answer_start");
      int start = anchored(context, answerText, given);
      if (start < 0) {
        throw new RecordProblem("answers.answer_start", "answer '" + answerText + "' is not at offset " + given
            + " of the context" + (reanchorWindow > 0 ? " nor within " + reanchorWindow + " characters of it"
                : " (reanchor_window moves an answer to its text nearby)"));
      }
      if (start != given) {
        repaired.accept("answer '" + answerText + "' re-anchored from offset " + given + " to " + start);
      }
      answers.add(new Answer(answerText, start));
    }
    if (impossible && !answers.isEmpty()) {
      throw new RecordProblem("answers", "an impossible question must have no answers");
    }
    return new SpanExtractionExample(id(qa, "id"), text(qa, "question"), context, answers, impossible,
        title);
  }

  /** The answer's offset: the given one if its text is there, else the nearest in the window, else -1. */
  private int anchored(String context, String answer, int given) {
    if (given >= 0 && context.startsWith(answer, given)) {
      return given;
    }
    for (int distance = 1; distance <= reanchorWindow; distance++) {
      for (int candidate : new int[] {given - distance, given + distance}) {
        if (candidate >= 0 && context.startsWith(answer, candidate)) {
          return candidate;
        }
      }
    }
    return -1;
  }
}
