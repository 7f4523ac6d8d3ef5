package ptune.dataset.superglue;

import static ptune.dataset.JsonFields.array;
import static ptune.dataset.JsonFields.id;
import static ptune.dataset.JsonFields.integer;
import static ptune.dataset.JsonFields.node;
import static ptune.dataset.JsonFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import ptune.dataset.Example;
import ptune.dataset.Label;
import ptune.dataset.PairSource.RecordSource;
import ptune.dataset.RecordProblem;
import ptune.dataset.SentencePairExample;

/**
 * ReCoRD in the FewGLUE/SuperGLUE JSON layout. Entity and answer spans are inclusive [start, end]
 * character offsets. As in the official code each query becomes one binary example per distinct
 * candidate entity: passage (with "@highlight\n" written as "- ") paired with the query whose
 * "@placeholder" is replaced by the candidate; label 1 when the candidate is a gold answer.
 */
public final class RecordTaskParser implements JsonRecordParser {

  @Override
  public List<Example> parse(JsonNode record, long index) {
    JsonNode passage = node(record, "passage");
    String text = text(passage, "text");
    TreeSet<String> candidates = new TreeSet<>();
    for (JsonNode entity : array(passage, "entities")) {
      candidates.add(span(text, entity, "passage.entities"));
    }
    String passageInput = text.replace("@highlight\n", "- ");
    List<Example> examples = new ArrayList<>();
    for (JsonNode qa : array(record, "qas")) {
      String query = text(qa, "query");
      if (!query.contains("@placeholder")) {
        throw new RecordProblem("qas.query", "query has no @placeholder");
      }
      String queryId = id(qa, "idx");
      boolean labeled = qa.has("answers");
      List<String> gold = new ArrayList<>();
      if (labeled) {
        for (JsonNode answer : array(qa, "answers")) {
          String answerText = text(answer, "text");
          if (!span(text, answer, "qas.answers").equals(answerText)) {
            throw new RecordProblem("qas.answers", "answer text '" + answerText + "' does not match its span");
          }
          gold.add(answerText);
        }
      }
      for (String candidate : candidates) {
        Label label =
            labeled ? Label.category(gold.contains(candidate) ? 1 : 0) : Label.UNLABELED;
        examples.add(
            new SentencePairExample(
                queryId + "-" + candidate,
                passageInput,
                query.replace("@placeholder", candidate),
                label,
                new RecordSource(queryId, candidate, gold)));
      }
    }
    return examples;
  }

  private static String span(String text, JsonNode span, String field) {
    int start = integer(span, "start");
    int end = integer(span, "end");
    if (start < 0 || end < start || end >= text.length()) {
      throw new RecordProblem(
          field, "span [" + start + ", " + end + "] outside passage of length " + text.length());
    }
    return text.substring(start, end + 1);
  }
}
