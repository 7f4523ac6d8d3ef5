package ptune.dataset.superglue;

import static ptune.dataset.JsonFields.has;
import static ptune.dataset.JsonFields.id;
import static ptune.dataset.JsonFields.labelName;
import static ptune.dataset.JsonFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import ptune.dataset.Example;
import ptune.dataset.Label;
import ptune.dataset.LabelSet;
import ptune.dataset.SentencePairExample;

/**
 * SuperGLUE tasks that are already sentence pairs: BoolQ (question, passage), CB and RTE (premise,
 * hypothesis). The official code feeds the two fields as the pair in this order.
 */
public final class SentencePairParser implements JsonRecordParser {

  private final String firstField;
  private final String secondField;
  private final LabelSet labels;

  public SentencePairParser(String firstField, String secondField, LabelSet labels) {
    this.firstField = firstField;
    this.secondField = secondField;
    this.labels = labels;
  }

  @Override
  public List<Example> parse(JsonNode record) {
    Label label =
        has(record, "label")
            ? Label.category(labels.indexOf(labelName(record, "label"), "label"))
            : Label.UNLABELED;
    return List.of(
        new SentencePairExample(
            id(record, "idx"), text(record, firstField), text(record, secondField), label));
  }
}
