package ptune.dataset;

import java.util.List;

/**
 * The examples read from one split, and the records skipped on the way (always empty in strict
 * mode).
 *
 * @param skippedMessages one message per skipped record, naming file, line and field
 * @param repairs one message per record the reader changed because an option asked it to (a SQuAD
 *     answer re-anchored to its text), naming file, record and what moved
 */
public record ReadResult(List<Example> examples, List<String> skippedMessages, List<String> repairs) {

  public ReadResult {
    examples = List.copyOf(examples);
    skippedMessages = List.copyOf(skippedMessages);
    repairs = List.copyOf(repairs);
  }

  /** A read that repaired nothing. */
  public ReadResult(List<Example> examples, List<String> skippedMessages) {
    this(examples, skippedMessages, List.of());
  }

  public int skippedRecords() {
    return skippedMessages.size();
  }

  public int size() {
    return examples.size();
  }

  /** The examples as their concrete type, for readers of a single example kind. */
  public <T extends Example> List<T> examplesOf(Class<T> type) {
    return examples.stream().map(type::cast).toList();
  }
}
