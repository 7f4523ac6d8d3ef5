package ptune.dataset;

/**
 * One input record of a task, in the shape a trainer consumes. Each variant maps to one model head:
 * sentence pairs to sequence classification or regression, choices to multiple choice, tagged words
 * to token classification, question + context to span extraction.
 */
public sealed interface Example
    permits SentencePairExample, MultipleChoiceExample, TokenTaggingExample, SpanExtractionExample {

  /** Stable id, unique within a split (the dataset's own id when it has one). */
  String id();
}
