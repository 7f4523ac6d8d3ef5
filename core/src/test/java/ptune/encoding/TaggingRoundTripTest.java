package ptune.encoding;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import ptune.backbone.BackboneCache;
import ptune.dataset.DataDirectory;
import ptune.dataset.Example;
import ptune.dataset.Split;
import ptune.dataset.Task;
import ptune.tasks.TaskRegistry;
import ptune.dataset.TokenTaggingExample;
import ptune.features.SubwordTokenizer;
import ptune.metrics.TaskEvaluator;
import ptune.trainer.EncodedExample;
import ptune.trainer.Target;

/**
 * The tagging path without a model, on real dev sentences of the tagging tasks with data here
 * (shared/datasets holds no CoNLL-2005 train or dev files):
 * scores that put all weight on the gold label of each first sub-token must decode to the gold
 * word tags and score F1 = 1 (labels, word alignment, truncation and the metric agree).
 */
class TaggingRoundTripTest {

  @ParameterizedTest
  @ValueSource(strings = {"conll03", "conll04"})
  void goldScoresDecodeToPerfectF1(String name) throws Exception {
    Task task = TaskRegistry.get(name);
    List<Example> dev = task.load(Split.DEV, DataDirectory.resolve()).examples();
    dev = dev.subList(0, Math.min(300, dev.size()));
    EncodedSplit split = new TaggingSplitEncoder(BackboneCache.get("minilm-l6").tokenizer(),
        task.labels(), 64).encode(dev);
    double f1 = TaskEvaluator.evaluate(task, split.examples(), split.decoder().decode(goldScores(split, task)))
        .selectionScore();
    assertEquals(1.0, f1, 1e-12, name);
  }

  /**
   * A word the tokenizer strips to nothing (a lone U+FE0F variation selector, a zero-width space) in
   * the middle of a sentence keeps its place as [UNK]: the words after it, and their entities, are
   * still trained on and scored. Missing the LOC after the emoji must cost recall.
   */
  @Test
  void aWordWithoutSubTokensKeepsTheRestOfTheSentence() throws Exception {
    Task task = TaskRegistry.get("conll03");
    SubwordTokenizer tokenizer = BackboneCache.get("minilm-l6").tokenizer();
    assertEquals(0, tokenizer.tokenize("\uFE0F").size(), "U+FE0F alone yields no sub-token");
    List<Example> sentences = List.of(
        new TokenTaggingExample("emoji", List.of("Visit", "\uFE0F", "Paris", "\u200B", "now"),
            List.of("O", "O", "B-LOC", "O", "O"), TokenTaggingExample.NO_PREDICATE),
        new TokenTaggingExample("plain", List.of("John", "lives", "here"),
            List.of("B-PER", "O", "O"), TokenTaggingExample.NO_PREDICATE));
    EncodedSplit split = new TaggingSplitEncoder(tokenizer, task.labels(), 64).encode(sentences);

    assertEquals(sentences, split.examples(), "every word of every sentence is scored");
    int[] ids = split.rows().get(0).inputIds()[0];
    assertEquals(List.of("[CLS]", "visit", "[UNK]", "paris", "[UNK]", "now", "[SEP]"),
        Arrays.stream(ids).mapToObj(tokenizer::idToToken).toList());
    int[] labels = ((Target.PerToken) split.rows().get(0).target()).labels();
    assertEquals(task.labels().indexOf("B-LOC", "tags"), labels[3], "Paris is trained on");

    float[][] scores = goldScores(split, task);
    Map<String, Double> perfect = TaskEvaluator.evaluate(task, split.examples(),
        split.decoder().decode(scores)).metrics();
    assertEquals(1.0, perfect.get("f1"), 1e-12);
    // Predict O for Paris: one of the two gold entities is missed.
    int numLabels = task.labels().size();
    Arrays.fill(scores[0], 3 * numLabels, 4 * numLabels, 0f);
    scores[0][3 * numLabels + task.labels().indexOf("O", "tags")] = 1f;
    Map<String, Double> missed = TaskEvaluator.evaluate(task, split.examples(),
        split.decoder().decode(scores)).metrics();
    assertEquals(0.5, missed.get("recall"), 1e-12, missed.toString());
    assertEquals(1.0, missed.get("precision"), 1e-12, missed.toString());
  }

  /** Scores that put all weight on the gold label of each labelled position. */
  private static float[][] goldScores(EncodedSplit split, Task task) {
    int numLabels = task.labels().size();
    int padded = 80; // wider than any row, as batch padding would make it
    float[][] scores = new float[split.rows().size()][];
    for (int i = 0; i < scores.length; i++) {
      EncodedExample row = split.rows().get(i);
      int[] labels = ((Target.PerToken) row.target()).labels();
      scores[i] = new float[padded * numLabels];
      for (int t = 0; t < labels.length; t++) {
        if (labels[t] != Target.IGNORED) {
          scores[i][t * numLabels + labels[t]] = 1f;
        }
      }
    }
    return scores;
  }
}
