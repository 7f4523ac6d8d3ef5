package ptune.encoding;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import ptune.dataset.Task;
import ptune.features.SubwordTokenizer;

/**
 * The label word of each class for {@code head=verbalizer}, in class order, with its vocabulary
 * id. Defaults follow the PET/P-tuning choices ("yes"/"no"/"maybe" for entailment, "great"/
 * "terrible" for sentiment); {@code label_words=w0,w1,...} overrides them.
 */
public record Verbalizer(List<String> words, int[] ids) {

  private static final Map<String, List<String>> DEFAULT_WORDS = Map.ofEntries(
      Map.entry("cb", List.of("yes", "no", "maybe")), // entailment, contradiction, neutral
      Map.entry("rte", List.of("yes", "no")), // entailment, not_entailment
      Map.entry("glue-rte", List.of("yes", "no")),
      Map.entry("qnli", List.of("yes", "no")),
      Map.entry("mnli", List.of("yes", "maybe", "no")), // entailment, neutral, contradiction
      Map.entry("mnli-mm", List.of("yes", "maybe", "no")),
      Map.entry("boolq", List.of("no", "yes")), // False, True
      Map.entry("wic", List.of("no", "yes")),
      Map.entry("wsc", List.of("no", "yes")),
      Map.entry("mrpc", List.of("no", "yes")), // 0, 1
      Map.entry("qqp", List.of("no", "yes")),
      Map.entry("sst2", List.of("terrible", "great"))); // 0 negative, 1 positive

  /**
   * @param configured the trial's {@code label_words} (comma-separated, one per class), or null
   *     for the task's default words
   */
  public static Verbalizer of(Task task, String configured, SubwordTokenizer tokenizer) {
    List<String> words = configured != null
        ? Arrays.stream(configured.split(",")).map(String::trim).toList()
        : DEFAULT_WORDS.get(task.name());
    if (words == null) {
      throw new IllegalArgumentException("head=verbalizer has no default label words for task "
          + task.name() + ": set label_words=<one word per class, in the order " + task.labels().names()
          + ">");
    }
    if (words.size() != task.labels().size()) {
      throw new IllegalArgumentException(words.size() + " label words " + words + " for the "
          + task.labels().size() + " classes " + task.labels().names() + " of " + task.name());
    }
    int[] ids = new int[words.size()];
    for (int c = 0; c < ids.length; c++) {
      // A leading space gives the word-initial form (RoBERTa's "Ġyes"); WordPiece ignores it.
      int[] pieces = tokenizer.tokenize(" " + words.get(c)).ids();
      if (pieces.length != 1 || pieces[0] == tokenizer.unkId()) {
        throw new IllegalArgumentException("label word '" + words.get(c) + "' is not a single token"
            + " of the backbone's vocabulary, so the MLM head has no logit for it");
      }
      ids[c] = pieces[0];
    }
    return new Verbalizer(words, ids);
  }
}
