package ptune.dataset.superglue;

import static ptune.dataset.JsonFields.has;
import static ptune.dataset.JsonFields.id;
import static ptune.dataset.JsonFields.labelName;
import static ptune.dataset.JsonFields.node;
import static ptune.dataset.JsonFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import ptune.dataset.Example;
import ptune.dataset.Label;
import ptune.dataset.LabelSet;
import ptune.dataset.RecordProblem;
import ptune.dataset.SentencePairExample;

/**
 * A JSON record that is one text or a pair of texts with a label, under given field names: BoolQ
 * (question, passage), CB and RTE (premise, hypothesis), or a dataset's own layout. The two fields
 * are fed as the pair in this order (the official code's order for SuperGLUE).
 *
 * @param idField null: records are numbered by their line (0-based)
 * @param secondField null for a single text
 * @param labels class names; unused for regression, whose label is a number
 */
public record SentencePairParser(String idField, String firstField, String secondField, String labelField,
    LabelSet labels, boolean regression) implements JsonRecordParser {

  /** SuperGLUE's layout: id "idx", label "label", two text fields, class labels. */
  public static SentencePairParser superglue(String firstField, String secondField, LabelSet labels) {
    return new SentencePairParser("idx", firstField, secondField, "label", labels, false);
  }

  @Override
  public List<Example> parse(JsonNode record, long index) {
    String recordId = idField == null ? String.valueOf(index) : id(record, idField);
    return List.of(new SentencePairExample(recordId, text(record, firstField),
        secondField == null ? null : text(record, secondField), label(record)));
  }

  private Label label(JsonNode record) {
    if (!has(record, labelField)) {
      return Label.UNLABELED;
    }
    if (!regression) {
      return Label.category(labels.indexOf(labelName(record, labelField), labelField));
    }
    JsonNode value = node(record, labelField);
    if (value.isNumber()) {
      return Label.score(value.asDouble());
    }
    try {
      return Label.score(Double.parseDouble(value.asText()));
    } catch (NumberFormatException e) {
      throw new RecordProblem(labelField, "expected a number, got " + value);
    }
  }
}
