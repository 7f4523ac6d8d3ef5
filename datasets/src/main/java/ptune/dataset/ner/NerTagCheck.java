package ptune.dataset.ner;

import ptune.dataset.LabelSet;
import ptune.dataset.RecordProblem;

/** Rejects tags outside the task's label list, so a wrong file fails at load time, not in training. */
final class NerTagCheck {

  private NerTagCheck() {}

  static String known(LabelSet labels, String tag, String field) {
    if (!labels.contains(tag)) {
      throw new RecordProblem(field, "unknown label '" + tag + "', expected one of " + labels.names());
    }
    return tag;
  }
}
