package ptune.features;

/** How a pair that does not fit is shortened; the Hugging Face strategies of the same names. */
public enum TruncationStrategy {
  /** Remove one token at a time from the longer segment (the second one on ties). */
  LONGEST_FIRST,
  /** Shorten only the first segment. */
  ONLY_FIRST,
  /** Shorten only the second segment (QA contexts, where the question must stay whole). */
  ONLY_SECOND
}
