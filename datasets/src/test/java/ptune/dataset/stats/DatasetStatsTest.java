package ptune.dataset.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import ptune.dataset.DataDirectory;
import ptune.dataset.Example;
import ptune.dataset.Label;
import ptune.dataset.SentencePairExample;
import ptune.dataset.SpanExtractionExample;
import ptune.dataset.Split;
import ptune.tasks.TaskRegistry;
import ptune.dataset.TokenTaggingExample;
import ptune.testing.TestTokenizer;

class DatasetStatsTest {

  @Test
  void nearestRankPercentiles() {
    int[] oneToHundred = IntStream.rangeClosed(1, 100).toArray();
    assertEquals(new LengthPercentiles(50, 90, 99, 100), LengthPercentiles.of(oneToHundred));
    // Ten values: p50 is the 5th smallest, p90 the 9th, p99 rounds up to the 10th.
    assertEquals(new LengthPercentiles(5, 9, 10, 10), LengthPercentiles.of(new int[] {10, 9, 8, 7, 6, 5, 4, 3, 2, 1}));
  }

  @Test
  void sentencePairsCountLabelsAndMeasureFramedLengths() {
    List<Example> examples = List.of(
        new SentencePairExample("0", "a b", "c", Label.category(0)),
        new SentencePairExample("1", "a b c d", "e", Label.category(1)),
        new SentencePairExample("2", "a", "b", Label.category(1)));
    SplitStats stats = new DatasetStats(TaskRegistry.get("cb"), TestTokenizer.bert()).compute(Split.DEV, examples);
    assertEquals(3, stats.records());
    assertEquals(Map.of("entailment", 1L, "contradiction", 2L), stats.counts());
    // Lengths with [CLS], [SEP], [SEP]: 6, 8, 5.
    assertEquals(new LengthPercentiles(6, 8, 8, 8), stats.tokenLengths());
  }

  @Test
  void taggingCountsEntitiesAndQaCountsAnswerability() {
    SplitStats ner = new DatasetStats(TaskRegistry.get("conll03"), TestTokenizer.bert()).compute(Split.TRAIN,
        List.of(new TokenTaggingExample("s", List.of("Ann", "met", "Bob", "Lee"), List.of("B-PER", "O", "B-PER", "I-PER"), -1)));
    assertEquals(Map.of("PER", 2L), ner.counts());
    SplitStats qa = new DatasetStats(TaskRegistry.get("squad2"), TestTokenizer.bert()).compute(Split.DEV,
        List.of(new SpanExtractionExample("q", "who?", "Ann.", List.of(), true)));
    assertEquals(Map.of("unanswerable", 1L), qa.counts());
  }

  @Test
  void reportOnRealCb() {
    List<SplitStats> splits = new DatasetStats(TaskRegistry.get("cb"), TestTokenizer.bert()).computeAvailable(DataDirectory.resolve());
    assertEquals(List.of(Split.TRAIN, Split.DEV, Split.TEST), splits.stream().map(SplitStats::split).toList());
    String report = StatsReport.format("cb", splits.subList(1, 2));
    assertTrue(report.startsWith("task cb\n  dev: 56 records\n"), report);
    assertTrue(report.contains("contradiction          28"), report);
    assertTrue(report.contains("neutral                 5"), report);
    assertTrue(report.matches("(?s).*tokens p50 \\d+  p90 \\d+  p99 \\d+  max \\d+\n"), report);
  }
}
