package ptune.dataset;

/** The model head a task needs, and so which {@link Example} type its readers produce. */
public enum TaskKind {
  /** {@link SentencePairExample} with a class label. */
  SEQUENCE_CLASSIFICATION,
  /** {@link SentencePairExample} with a real-valued score (STS-B). */
  REGRESSION,
  /** {@link MultipleChoiceExample}. */
  MULTIPLE_CHOICE,
  /** {@link TokenTaggingExample}. */
  TOKEN_CLASSIFICATION,
  /** {@link SpanExtractionExample}. */
  SPAN_EXTRACTION
}
