package ptune.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import ptune.tasks.TaskRegistry;


/** The SQuAD tasks trained on part of the dev file: train and dev share no article and no context. */
class ArticleFoldTest {

  @ParameterizedTest
  @CsvSource({"squad-devsplit, 48, 10570", "squad2-devsplit, 35, 11873"})
  void trainAndDevAreDisjointArticlesThatTogetherAreTheFile(String name, int articles, int questions) {
    Task task = TaskRegistry.get(name);
    List<SpanExtractionExample> train =
        task.load(Split.TRAIN, DataDirectory.resolve()).examplesOf(SpanExtractionExample.class);
    List<SpanExtractionExample> dev =
        task.load(Split.DEV, DataDirectory.resolve()).examplesOf(SpanExtractionExample.class);

    Set<String> trainArticles = train.stream().map(SpanExtractionExample::article).collect(Collectors.toSet());
    Set<String> devArticles = dev.stream().map(SpanExtractionExample::article).collect(Collectors.toSet());
    assertEquals(articles, trainArticles.size() + devArticles.size());
    assertEquals(articles / 3, devArticles.size(), "every third article is dev");
    assertTrue(disjoint(trainArticles, devArticles));
    assertTrue(disjoint(contexts(train), contexts(dev)), "no paragraph on both sides");
    assertEquals(questions, train.size() + dev.size());
    Set<String> ids = new HashSet<>();
    train.forEach(q -> ids.add(q.id()));
    dev.forEach(q -> ids.add(q.id()));
    assertEquals(questions, ids.size(), "every question exactly once");
  }

  @Test
  void onlyTrainAndDevExist() {
    ReadResult empty = new ReadResult(List.of(), List.of());
    assertThrows(IllegalArgumentException.class, () -> new ArticleFold(3).part(Split.TEST, empty));
    assertThrows(IllegalArgumentException.class, () -> new ArticleFold(1));
  }

  private static Set<String> contexts(List<SpanExtractionExample> questions) {
    return questions.stream().map(SpanExtractionExample::context).collect(Collectors.toSet());
  }

  private static boolean disjoint(Set<String> a, Set<String> b) {
    Set<String> both = new HashSet<>(a);
    both.retainAll(b);
    return both.isEmpty();
  }
}
