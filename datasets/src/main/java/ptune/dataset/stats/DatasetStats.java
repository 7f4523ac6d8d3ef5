package ptune.dataset.stats;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import ptune.dataset.Example;
import ptune.dataset.Label;
import ptune.dataset.MultipleChoiceExample;
import ptune.dataset.SentencePairExample;
import ptune.dataset.SpanExtractionExample;
import ptune.dataset.Split;
import ptune.dataset.Task;
import ptune.dataset.TaskKind;
import ptune.dataset.TokenTaggingExample;
import ptune.features.InputEncoder;
import ptune.features.SubwordTokenizer;
import ptune.features.TokenTaggingEncoder;
import ptune.metrics.Entity;
import ptune.metrics.EntityChunker;

/** Computes {@link SplitStats} for one split of a task, measuring lengths with a real tokenizer. */
public final class DatasetStats {

  private final Task task;
  private final InputEncoder untruncated;
  private final TokenTaggingEncoder untruncatedTagging;

  public DatasetStats(Task task, SubwordTokenizer tokenizer) {
    this.task = task;
    this.untruncated = new InputEncoder(tokenizer, Integer.MAX_VALUE);
    this.untruncatedTagging = task.kind() == TaskKind.TOKEN_CLASSIFICATION
        ? new TokenTaggingEncoder(tokenizer, task.labels(), Integer.MAX_VALUE) : null;
  }

  /** Every split of the task whose files are present under {@code dataDir}, in split order. */
  public List<SplitStats> computeAvailable(Path dataDir) {
    List<SplitStats> stats = new ArrayList<>();
    for (Split split : Split.values()) {
      if (task.hasSplit(split) && task.paths(split, dataDir).stream().allMatch(Files::isRegularFile)) {
        stats.add(compute(split, task.load(split, dataDir).examples()));
      }
    }
    return stats;
  }

  public SplitStats compute(Split split, List<Example> examples) {
    Map<String, Long> counts = new TreeMap<>();
    int[] lengths = new int[examples.size()];
    for (int i = 0; i < examples.size(); i++) {
      Example example = examples.get(i);
      countInto(counts, example);
      lengths[i] = length(example);
    }
    return new SplitStats(split, examples.size(), counts, LengthPercentiles.of(lengths));
  }

  private void countInto(Map<String, Long> counts, Example example) {
    if (example instanceof SentencePairExample pair) {
      Label label = pair.label();
      String key = label instanceof Label.Category c ? task.labels().name(c.index())
          : label instanceof Label.Score ? "scored" : "unlabeled";
      counts.merge(key, 1L, Long::sum);
    } else if (example instanceof MultipleChoiceExample choice) {
      String key = choice.label() == MultipleChoiceExample.NO_LABEL ? "unlabeled" : "choice " + choice.label();
      counts.merge(key, 1L, Long::sum);
    } else if (example instanceof TokenTaggingExample tagged) {
      for (Entity entity : EntityChunker.entities(List.of(tagged.tags()))) {
        counts.merge(entity.type(), 1L, Long::sum);
      }
    } else if (example instanceof SpanExtractionExample question) {
      counts.merge(question.impossible() ? "unanswerable" : "answerable", 1L, Long::sum);
    }
  }

  /** Untruncated input length, so the percentiles show how much a max length would cut. */
  private int length(Example example) {
    if (example instanceof SentencePairExample pair) {
      return untruncated.encode(pair.textA(), pair.textB()).length();
    }
    if (example instanceof MultipleChoiceExample choice) {
      return choice.choices().stream()
          .mapToInt(c -> untruncated.encode(choice.context(), c).length()).max().orElse(0);
    }
    if (example instanceof TokenTaggingExample tagged) {
      return untruncatedTagging.encode(tagged).input().length();
    }
    SpanExtractionExample question = (SpanExtractionExample) example;
    return untruncated.encode(question.question().stripLeading(), question.context()).length();
  }
}
