package ptune.dataset.srl;

import java.util.List;
import ptune.dataset.BracketedSpans;
import ptune.dataset.LabelSet;
import ptune.dataset.RecordProblem;
import ptune.dataset.TokenTaggingExample;

/** Builds one SRL example from a sentence and one proposition column (shared by both formats). */
final class SrlExamples {

  private SrlExamples() {}

  /**
   * @param predicateIndex the target verb's word index; its tag must open the "V" span
   */
  static TokenTaggingExample fromColumn(
      String id, List<String> words, List<String> brackets, int predicateIndex, LabelSet labels, String field) {
    List<String> tags = BracketedSpans.toBio(brackets, field);
    if (predicateIndex < 0 || !tags.get(predicateIndex).equals("B-V")) {
      throw new RecordProblem(field, "the predicate (V*) is not at word " + (predicateIndex + 1));
    }
    for (String tag : tags) {
      if (!labels.contains(tag)) {
        throw new RecordProblem(field, "unknown label '" + tag + "'");
      }
    }
    return new TokenTaggingExample(id, words, tags, predicateIndex);
  }
}
