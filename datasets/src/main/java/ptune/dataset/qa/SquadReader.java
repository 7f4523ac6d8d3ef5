package ptune.dataset.qa;

import static ptune.dataset.JsonFields.array;
import static ptune.dataset.JsonFields.integer;
import static ptune.dataset.JsonFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
 */
public final class SquadReader implements DatasetReader {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public ReadResult read(List<Path> files, ReadOptions options) {
    BadRecords bad = new BadRecords(options);
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
              examples.add(toExample(qa, context, title));
            } catch (RecordProblem problem) {
              String where = qa.has("id") ? " (question id " + qa.get("id").asText() + ")" : "";
              bad.handle(new DatasetFormatException(
                  file, "record", record, problem.field(), problem.getMessage() + where));
            }
          }
        }
      }
    }
    return new ReadResult(examples, bad.skipped());
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

  private static SpanExtractionExample toExample(JsonNode qa, String context, String title) {
    boolean impossible = qa.path("is_impossible").asBoolean(false);
    List<Answer> answers = new ArrayList<>();
    for (JsonNode answer : array(qa, "answers")) {
      String answerText = text(answer, "text");
      int start = integer(answer, "answer_start");
      if (start < 0 || !context.startsWith(answerText, start)) {
        throw new RecordProblem(
            "answers.answer_start", "answer '" + answerText + "' is not at offset " + start + " of the context");
      }
      answers.add(new Answer(answerText, start));
    }
    if (impossible && !answers.isEmpty()) {
      throw new RecordProblem("answers", "an impossible question must have no answers");
    }
    return new SpanExtractionExample(text(qa, "id"), text(qa, "question"), context, answers, impossible,
        title);
  }
}
