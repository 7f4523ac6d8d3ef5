package ptune.features;

/**
 * The answer chosen for one QA example: the text (empty for "no answer") and the score of the
 * chosen span.
 */
public record SpanPrediction(String exampleId, String text, double score) {

  public boolean isNoAnswer() {
    return text.isEmpty();
  }
}
