package ptune.dataset.superglue;

import static ptune.dataset.JsonFields.array;
import static ptune.dataset.JsonFields.has;
import static ptune.dataset.JsonFields.id;
import static ptune.dataset.JsonFields.labelName;
import static ptune.dataset.JsonFields.node;
import static ptune.dataset.JsonFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import ptune.dataset.Example;
import ptune.dataset.Label;
import ptune.dataset.LabelSet;
import ptune.dataset.PairSource.MultiRcSource;
import ptune.dataset.SentencePairExample;

/**
 * MultiRC: one record is a paragraph with questions, each with answer options. As in the official
 * code every answer option is one binary example: paragraph paired with "{question} {answer}".
 */
public final class MultiRcParser implements JsonRecordParser {

  private final LabelSet labels;

  public MultiRcParser(LabelSet labels) {
    this.labels = labels;
  }

  @Override
  public List<Example> parse(JsonNode record, long index) {
    String paragraphId = id(record, "idx");
    JsonNode passage = node(record, "passage");
    String paragraph = text(passage, "text");
    List<Example> examples = new ArrayList<>();
    for (JsonNode question : array(passage, "questions")) {
      String questionText = text(question, "question");
      String group = paragraphId + "-" + id(question, "idx");
      for (JsonNode answer : array(question, "answers")) {
        String answerText = text(answer, "text");
        Label label =
            has(answer, "label")
                ? Label.category(labels.indexOf(labelName(answer, "label"), "label"))
                : Label.UNLABELED;
        examples.add(
            new SentencePairExample(
                group + "-" + id(answer, "idx"),
                paragraph,
                questionText + " " + answerText,
                label,
                new MultiRcSource(group, questionText, answerText)));
      }
    }
    return examples;
  }
}
