package ptune.dataset.superglue;

import static ptune.dataset.JsonFields.has;
import static ptune.dataset.JsonFields.id;
import static ptune.dataset.JsonFields.integer;
import static ptune.dataset.JsonFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import ptune.dataset.Example;
import ptune.dataset.MultipleChoiceExample;
import ptune.dataset.RecordProblem;

/**
 * COPA as multiple choice. As in the official code the context is the premise followed by " because"
 * (question "cause") or " so" (question "effect"), paired with each choice.
 */
public final class CopaParser implements JsonRecordParser {

  @Override
  public List<Example> parse(JsonNode record, long index) {
    String question = text(record, "question");
    String joiner =
        switch (question) {
          case "cause" -> "because";
          case "effect" -> "so";
          default -> throw new RecordProblem("question", "expected cause or effect, got " + question);
        };
    int label = MultipleChoiceExample.NO_LABEL;
    if (has(record, "label")) {
      label = integer(record, "label");
      if (label != 0 && label != 1) {
        throw new RecordProblem("label", "unknown label '" + label + "', expected 0 or 1");
      }
    }
    String context = text(record, "premise") + " " + joiner;
    List<String> choices = List.of(text(record, "choice1"), text(record, "choice2"));
    return List.of(new MultipleChoiceExample(id(record, "idx"), context, choices, label));
  }
}
