package ptune.preprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Chunks of a CoNLL or SQuAD split are runs of whole groups, each at least the chunk size but the last. */
class SplitChunksTest {

  @Test
  void chunksAreRunsOfWholeGroups() {
    // SQuAD-like: articles of 96, 98, 104, 30 and 5 questions
    List<Integer> articles = List.of(0, 96, 194, 298, 328);
    assertEquals(List.of("0-96", "96-194", "194-298", "298-333"), show(SplitChunks.ranges(articles, 333, 50)));
    assertEquals(List.of("0-194", "194-333"), show(SplitChunks.ranges(articles, 333, 150)));
    assertEquals(List.of("0-333"), show(SplitChunks.ranges(articles, 333, 1000)));
    // CoNLL-like: every sentence its own group
    List<Integer> sentences = java.util.stream.IntStream.range(0, 10).boxed().toList();
    assertEquals(List.of("0-4", "4-8", "8-10"), show(SplitChunks.ranges(sentences, 10, 4)));
    assertEquals(List.of(), show(SplitChunks.ranges(List.of(), 0, 4)), "an empty split has no chunk");
  }

  private static List<String> show(List<int[]> ranges) {
    return ranges.stream().map(r -> r[0] + "-" + r[1]).toList();
  }
}
