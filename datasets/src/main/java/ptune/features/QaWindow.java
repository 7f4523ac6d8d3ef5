package ptune.features;

/**
 * One window of a QA example: the question, then a slice of the context.
 *
 * @param exampleId the {@link ptune.dataset.SpanExtractionExample} this window comes from
 * @param contextStarts per input token, the start of its character span in the context, or -1 for
 *     question and special tokens
 * @param contextEnds per input token, the exclusive end of its character span, or -1
 * @param startPosition training target: input position of the answer's first token, or 0 (the
 *     [CLS] position) when the window does not contain the whole answer or there is none
 * @param endPosition training target: input position of the answer's last token, or 0
 */
public record QaWindow(
    String exampleId,
    EncodedInput input,
    int[] contextStarts,
    int[] contextEnds,
    int startPosition,
    int endPosition) {

  public boolean isContext(int position) {
    return position < contextStarts.length && contextStarts[position] >= 0;
  }
}
