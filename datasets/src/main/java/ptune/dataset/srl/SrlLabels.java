package ptune.dataset.srl;

import java.util.ArrayList;
import java.util.List;
import ptune.dataset.LabelSet;

/**
 * BIO label lists for PropBank roles. Every role also appears as a continuation ("C-") and a
 * reference ("R-") argument, as in the CoNLL-2005 and CoNLL-2012 data.
 */
public final class SrlLabels {

  private static final List<String> CONLL05_ROLES =
      List.of(
          "A0", "A1", "A2", "A3", "A4", "A5", "AA", "AM", "AM-ADV", "AM-CAU", "AM-DIR", "AM-DIS",
          "AM-EXT", "AM-LOC", "AM-MNR", "AM-MOD", "AM-NEG", "AM-PNC", "AM-PRD", "AM-REC", "AM-TM",
          "AM-TMP");

  private static final List<String> CONLL12_ROLES =
      List.of(
          "ARG0", "ARG1", "ARG2", "ARG3", "ARG4", "ARG5", "ARGA", "ARGM-ADJ", "ARGM-ADV", "ARGM-CAU",
          "ARGM-COM", "ARGM-DIR", "ARGM-DIS", "ARGM-DSP", "ARGM-EXT", "ARGM-GOL", "ARGM-LOC",
          "ARGM-LVB", "ARGM-MNR", "ARGM-MOD", "ARGM-NEG", "ARGM-PNC", "ARGM-PRD", "ARGM-PRP",
          "ARGM-PRR", "ARGM-PRX", "ARGM-REC", "ARGM-TMP");

  public static final LabelSet CONLL05 = bio(CONLL05_ROLES);
  public static final LabelSet CONLL12 = bio(CONLL12_ROLES);

  private SrlLabels() {}

  private static LabelSet bio(List<String> roles) {
    List<String> names = new ArrayList<>(List.of("O", "B-V", "I-V", "B-C-V", "I-C-V"));
    for (String prefix : List.of("", "C-", "R-")) {
      for (String role : roles) {
        names.add("B-" + prefix + role);
        names.add("I-" + prefix + role);
      }
    }
    return new LabelSet(names);
  }
}
