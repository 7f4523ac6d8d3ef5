package ptune.dataset.superglue;

import static ptune.dataset.JsonFields.has;
import static ptune.dataset.JsonFields.id;
import static ptune.dataset.JsonFields.integer;
import static ptune.dataset.JsonFields.labelName;
import static ptune.dataset.JsonFields.node;
import static ptune.dataset.JsonFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import ptune.dataset.Example;
import ptune.dataset.Label;
import ptune.dataset.LabelSet;
import ptune.dataset.PairSource.WscSource;
import ptune.dataset.RecordProblem;
import ptune.dataset.SentencePairExample;

/**
 * WSC with the official templates, paired with the candidate referent {@code span1_text}: template 0
 * prefixes the text with the pronoun ("{span2}: {text}"), template 1 marks the pronoun in place
 * ("... *he* ...").
 */
public final class WscParser implements JsonRecordParser {

  private final LabelSet labels;
  private final int templateId;

  public WscParser(LabelSet labels, int templateId) {
    if (templateId != 0 && templateId != 1) {
      throw new IllegalArgumentException("WSC has templates 0 and 1, not " + templateId);
    }
    this.labels = labels;
    this.templateId = templateId;
  }

  @Override
  public List<Example> parse(JsonNode record, long index) {
    String text = text(record, "text");
    JsonNode target = node(record, "target");
    WscSource source =
        new WscSource(
            text,
            integer(target, "span1_index"),
            text(target, "span1_text"),
            integer(target, "span2_index"),
            text(target, "span2_text"));
    String[] words = text.split(" ");
    checkSpan(words, source.span1Index(), "target.span1_index");
    checkSpan(words, source.span2Index(), "target.span2_index");
    Label label =
        has(record, "label")
            ? Label.category(labels.indexOf(labelName(record, "label"), "label"))
            : Label.UNLABELED;
    String first;
    if (templateId == 0) {
      first = source.span2Text() + ": " + text;
    } else {
      words[source.span2Index()] = "*" + words[source.span2Index()] + "*";
      first = String.join(" ", words);
    }
    return List.of(new SentencePairExample(id(record, "idx"), first, source.span1Text(), label, source));
  }

  /**
   * Only the index range is checked: the official files have records whose index does not point at
   * the span text (val line 43 marks "use" for "it"; two test records), and the official code uses
   * them as they are, so rejecting them would change the evaluation set.
   */
  private static void checkSpan(String[] words, int index, String field) {
    if (index < 0 || index >= words.length) {
      throw new RecordProblem(field, "word index " + index + " outside text of " + words.length + " words");
    }
  }
}
