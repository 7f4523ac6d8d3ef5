package ptune.dataset;

import java.util.List;

/**
 * Raw fields behind a templated sentence pair, kept so that per-group metrics (MultiRC exact match per
 * question, ReCoRD max over candidates) and alternative templates can be computed from the example.
 */
public sealed interface PairSource {

  /** Nothing beyond the text: GLUE, BoolQ, CB, RTE. */
  record Plain() implements PairSource {}

  PairSource PLAIN = new Plain();

  /** WiC: the target word and its [start, end) character span in each sentence. */
  record WicSource(
      String word, String sentence1, String sentence2, int start1, int end1, int start2, int end2)
      implements PairSource {}

  /** WSC: the candidate referent (span1) and the pronoun (span2), with their word indices. */
  record WscSource(String text, int span1Index, String span1Text, int span2Index, String span2Text)
      implements PairSource {}

  /** MultiRC: one answer option; {@code questionGroup} is unique per (paragraph, question). */
  record MultiRcSource(String questionGroup, String question, String answer) implements PairSource {}

  /**
   * ReCoRD: one candidate entity filled into the query; {@code queryId} groups the candidates of
   * one query and {@code goldAnswers} are the answer texts of that query (empty on test).
   */
  record RecordSource(String queryId, String candidate, List<String> goldAnswers)
      implements PairSource {}
}
