package ptune.dataset.superglue;

import static ptune.dataset.JsonFields.array;
import static ptune.dataset.JsonFields.has;
import static ptune.dataset.JsonFields.id;
import static ptune.dataset.JsonFields.integer;
import static ptune.dataset.JsonFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import ptune.dataset.Example;
import ptune.dataset.MultipleChoiceExample;
import ptune.dataset.RecordProblem;

/**
 * A JSON record with a context, an array of choice texts and the 0-based index of the right choice,
 * under given field names (a dataset's own layout; COPA has {@link CopaParser}).
 *
 * @param idField null: records are numbered by their line (0-based)
 */
public record MultipleChoiceParser(String idField, String contextField, String choicesField, String labelField)
    implements JsonRecordParser {

  @Override
  public List<Example> parse(JsonNode record, long index) {
    List<String> choices = new ArrayList<>();
    for (JsonNode choice : array(record, choicesField)) {
      if (!choice.isTextual()) {
        throw new RecordProblem(choicesField, "expected an array of strings, got " + choice);
      }
      choices.add(choice.asText());
    }
    if (choices.size() < 2) {
      throw new RecordProblem(choicesField, "needs at least 2 choices, got " + choices.size());
    }
    int label = MultipleChoiceExample.NO_LABEL;
    if (has(record, labelField)) {
      label = integer(record, labelField);
      if (label < 0 || label >= choices.size()) {
        throw new RecordProblem(labelField, "choice index " + label + " out of 0.." + (choices.size() - 1));
      }
    }
    String recordId = idField == null ? String.valueOf(index) : id(record, idField);
    return List.of(new MultipleChoiceExample(recordId, text(record, contextField), choices, label));
  }
}
