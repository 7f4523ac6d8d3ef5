package ptune.dataset;

import java.util.List;

/**
 * An extractive QA question (SQuAD). {@code answers} holds every gold answer (dev sets have several);
 * {@code impossible} marks SQuAD 2.0 questions with no answer in the context.
 *
 * @param article the article the question's paragraph belongs to (SQuAD's title), so that samples
 *     and splits keep articles whole; null when unknown
 */
public record SpanExtractionExample(
    String id, String question, String context, List<Answer> answers, boolean impossible,
    String article)
    implements Example {

  /** A gold answer: its text and where it starts in the context. */
  public record Answer(String text, int charStart) {
    public int charEnd() {
      return charStart + text.length();
    }
  }

  public SpanExtractionExample {
    answers = List.copyOf(answers);
  }

  /** A question outside any known article. */
  public SpanExtractionExample(
      String id, String question, String context, List<Answer> answers, boolean impossible) {
    this(id, question, context, answers, impossible, null);
  }

  public List<String> answerTexts() {
    return answers.stream().map(Answer::text).toList();
  }
}
