package ptune.dataset;

import java.util.List;

/**
 * The examples read from one split, and the records skipped on the way (always empty in strict
 * mode).
 *
 * @param skippedMessages one message per skipped record, naming file, line and field
 */
public record ReadResult(List<Example> examples, List<String> skippedMessages) {

  public ReadResult {
    examples = List.copyOf(examples);
    skippedMessages = List.copyOf(skippedMessages);
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
