package ptune.dataset.superglue;

import static ptune.dataset.JsonFields.has;
import static ptune.dataset.JsonFields.id;
import static ptune.dataset.JsonFields.integer;
import static ptune.dataset.JsonFields.labelName;
import static ptune.dataset.JsonFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import ptune.dataset.Example;
import ptune.dataset.Label;
import ptune.dataset.LabelSet;
import ptune.dataset.PairSource.WicSource;
import ptune.dataset.RecordProblem;
import ptune.dataset.SentencePairExample;

/**
 * WiC with the official templates: template 0 (used with RoBERTa) is one segment
 * "{s1} {s2} Does {word} have the same meaning in both sentences?"; template 1 (BERT) is the pair
 * "{word}: {s1}" / "{word}: {s2}". The word spans are kept in the {@link WicSource}.
 */
public final class WicParser implements JsonRecordParser {

  private final LabelSet labels;
  private final int templateId;

  public WicParser(LabelSet labels, int templateId) {
    if (templateId != 0 && templateId != 1) {
      throw new IllegalArgumentException("WiC has templates 0 and 1, not " + templateId);
    }
    this.labels = labels;
    this.templateId = templateId;
  }

  @Override
  public List<Example> parse(JsonNode record, long index) {
    String word = text(record, "word");
    String sentence1 = text(record, "sentence1");
    String sentence2 = text(record, "sentence2");
    WicSource source =
        new WicSource(
            word,
            sentence1,
            sentence2,
            integer(record, "start1"),
            integer(record, "end1"),
            integer(record, "start2"),
            integer(record, "end2"));
    checkSpan(sentence1, source.start1(), source.end1(), "start1");
    checkSpan(sentence2, source.start2(), source.end2(), "start2");
    Label label =
        has(record, "label")
            ? Label.category(labels.indexOf(labelName(record, "label"), "label"))
            : Label.UNLABELED;
    String id = id(record, "idx");
    if (templateId == 0) {
      String text =
          sentence1 + " " + sentence2 + " Does " + word + " have the same meaning in both sentences?";
      return List.of(new SentencePairExample(id, text, null, label, source));
    }
    return List.of(
        new SentencePairExample(id, word + ": " + sentence1, word + ": " + sentence2, label, source));
  }

  private static void checkSpan(String sentence, int start, int end, String field) {
    if (start < 0 || end <= start || end > sentence.length()) {
      throw new RecordProblem(
          field,
          "span [" + start + ", " + end + ") is outside the sentence of length " + sentence.length());
    }
  }
}
