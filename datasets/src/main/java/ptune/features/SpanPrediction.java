package ptune.features;

/**
 * The answer chosen for one QA example: the text (empty for "no answer"), where it starts in the
 * context (-1 for no answer) and the score of the chosen span.
 */
public record SpanPrediction(String exampleId, String text, int charStart, double score) {

  public boolean isNoAnswer() {
    return text.isEmpty();
  }
}
