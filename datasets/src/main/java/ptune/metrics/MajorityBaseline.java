package ptune.metrics;

import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import ptune.dataset.Example;
import ptune.dataset.Label;
import ptune.dataset.MultipleChoiceExample;
import ptune.dataset.SentencePairExample;
import ptune.dataset.SpanExtractionExample;
import ptune.dataset.Task;
import ptune.dataset.TokenTaggingExample;

/**
 * The floor every trained model must beat: predict the most frequent train label for every dev
 * example and score it with the task's official metrics. For tagging that is the most frequent tag
 * (normally "O", so entity F1 is 0); for QA the empty answer; for STS-B the mean train score; for
 * ReCoRD every candidate scores the same, so the first candidate of each query wins.
 */
public final class MajorityBaseline {

  private MajorityBaseline() {}

  public static Evaluation evaluate(Task task, List<? extends Example> train, List<? extends Example> dev) {
    return TaskEvaluator.evaluate(task, dev, predict(task, train, dev));
  }

  static Predictions predict(Task task, List<? extends Example> train, List<? extends Example> dev) {
    return switch (task.kind()) {
      case SEQUENCE_CLASSIFICATION -> task.name().equals("record")
          ? new Predictions.Scores(new double[dev.size()])
          : constantClasses(mostFrequent(train, e -> ((SentencePairExample) e).label().index()), dev.size());
      case MULTIPLE_CHOICE ->
          constantClasses(mostFrequent(train, e -> ((MultipleChoiceExample) e).label()), dev.size());
      case REGRESSION -> {
        double mean = train.stream().mapToDouble(e -> ((Label.Score) ((SentencePairExample) e).label()).value())
            .average().orElseThrow(() -> new IllegalArgumentException("empty train split"));
        double[] values = new double[dev.size()];
        Arrays.fill(values, mean);
        yield new Predictions.Scores(values);
      }
      case TOKEN_CLASSIFICATION -> {
        String tag = mostFrequentTag(train);
        yield new Predictions.Tags(dev.stream()
            .map(e -> Collections.nCopies(((TokenTaggingExample) e).words().size(), tag))
            .map(List::copyOf).toList());
      }
      case SPAN_EXTRACTION -> {
        Map<String, String> empty = new HashMap<>();
        dev.forEach(e -> empty.put(((SpanExtractionExample) e).id(), ""));
        yield new Predictions.Answers(empty);
      }
    };
  }

  private static Predictions constantClasses(int label, int size) {
    int[] labels = new int[size];
    Arrays.fill(labels, label);
    return new Predictions.Classes(labels);
  }

  /** The most frequent label; ties go to the smaller index, so the result is deterministic. */
  private static int mostFrequent(List<? extends Example> train, Function<Example, Integer> label) {
    Map<Integer, Integer> counts = new HashMap<>();
    train.forEach(e -> counts.merge(label.apply(e), 1, Integer::sum));
    return mostFrequentKey(counts);
  }

  private static String mostFrequentTag(List<? extends Example> train) {
    Map<String, Integer> counts = new HashMap<>();
    train.forEach(e -> ((TokenTaggingExample) e).tags().forEach(t -> counts.merge(t, 1, Integer::sum)));
    return mostFrequentKey(counts);
  }

  /** Highest count first, then the smallest key. */
  private static <K extends Comparable<K>> K mostFrequentKey(Map<K, Integer> counts) {
    return counts.entrySet().stream()
        .sorted(Map.Entry.<K, Integer>comparingByValue(Comparator.reverseOrder())
            .thenComparing(Map.Entry.comparingByKey()))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("empty train split"))
        .getKey();
  }
}
