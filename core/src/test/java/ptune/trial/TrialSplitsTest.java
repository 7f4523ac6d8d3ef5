package ptune.trial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ptune.dataset.DataDirectory;
import ptune.dataset.Example;
import ptune.dataset.PairSource;
import ptune.dataset.SentencePairExample;
import ptune.dataset.SpanExtractionExample;
import ptune.dataset.Split;
import ptune.tasks.TaskRegistry;

/** The examples a trial uses, on the real files: grouped, seeded, test only where it is labelled. */
class TrialSplitsTest {

  private static TrialSplits load(String task, long seed, Map<String, ?> hp, Path data) {
    TrialSpec spec = TrialSpec.of("test", "minilm-l6", "pt2", task, seed, hp);
    return TrialSplits.load(spec, TaskRegistry.get(task), data, true);
  }

  private static String question(Example e) {
    return ((PairSource.MultiRcSource) ((SentencePairExample) e).source()).questionGroup();
  }

  @Test
  void multiRcQuestionsStayWholeInSamplesAndOnOneSideOfTheHeldOutSplit() {
    Map<String, Object> hp = Map.of("max_train_examples", 2000, "max_dev_examples", 300, "held_out_fraction", 0.2);
    TrialSplits splits = load("multirc", 5, hp, DataDirectory.resolve());
    Map<String, Long> trainOptions = count(TaskRegistry.get("multirc").load(Split.TRAIN, DataDirectory.resolve()).examples());
    Map<String, Long> devOptions = count(TaskRegistry.get("multirc").load(Split.DEV, DataDirectory.resolve()).examples());

    int sampled = splits.train().size() + splits.heldOut().size();
    assertTrue(sampled <= 2000 && sampled > 1950, "train sample of " + sampled);
    assertTrue(splits.dev().size() <= 300 && splits.dev().size() > 250, "dev sample of " + splits.dev().size());
    count(splits.train()).forEach((q, n) -> assertEquals(trainOptions.get(q), n, "train question " + q + " is cut"));
    count(splits.heldOut()).forEach((q, n) -> assertEquals(trainOptions.get(q), n, "held-out question " + q + " is cut"));
    count(splits.dev()).forEach((q, n) -> assertEquals(devOptions.get(q), n, "dev question " + q + " is cut"));
    Set<String> both = new HashSet<>(count(splits.train()).keySet());
    both.retainAll(count(splits.heldOut()).keySet());
    assertEquals(Set.of(), both, "questions on both sides of the held-out split");
    assertEquals(List.of(), splits.test(), "MultiRC test labels are hidden");

    assertEquals(splits, load("multirc", 5, hp, DataDirectory.resolve()), "the same draw for the same seed");
    TrialSplits other = load("multirc", 6, hp, DataDirectory.resolve());
    assertNotEquals(splits.train(), other.train());
    assertNotEquals(splits.dev(), other.dev());
  }

  @Test
  void squadHeldOutPartSharesNoArticleWithTraining(@TempDir Path tmp) throws Exception {
    // shared/datasets has no SQuAD train file: the dev file serves as both.
    Path dir = Files.createDirectories(tmp.resolve("qa/squad_v1.1"));
    Path dev = DataDirectory.resolve().resolve("qa/squad_v1.1/dev-v1.1.json");
    Files.createSymbolicLink(dir.resolve("train-v1.1.json"), dev);
    Files.createSymbolicLink(dir.resolve("dev-v1.1.json"), dev);
    TrialSplits splits = load("squad", 3, Map.of("max_train_examples", 4000, "held_out_fraction", 0.25), tmp);

    Function<Example, String> article = e -> ((SpanExtractionExample) e).article();
    Set<String> trainArticles = splits.train().stream().map(article).collect(Collectors.toSet());
    Set<String> heldOutArticles = splits.heldOut().stream().map(article).collect(Collectors.toSet());
    assertTrue(heldOutArticles.size() >= 2 && trainArticles.size() > 20, heldOutArticles + " / " + trainArticles);
    Set<String> both = new HashSet<>(trainArticles);
    both.retainAll(heldOutArticles);
    assertEquals(Set.of(), both, "articles on both sides of the held-out split");
    assertEquals(4000, splits.train().size() + splits.heldOut().size(), "questions are sampled one by one");
  }

  @Test
  void onlyLabelledTestSplitsAreLoaded() {
    TrialSplits conll = load("conll03", 1, Map.of("max_train_examples", 10, "max_dev_examples", 10,
        "max_test_examples", 50), DataDirectory.resolve());
    assertEquals(50, conll.test().size());
    assertNotEquals(conll.dev(), conll.test());
    assertEquals(3453, load("conll03", 1, Map.of("max_train_examples", 10, "max_dev_examples", 10),
        DataDirectory.resolve()).test().size(), "the whole CoNLL-2003 test set by default");
    assertEquals(List.of(), load("rte", 1, Map.of(), DataDirectory.resolve()).test(), "RTE test labels are hidden");
  }

  private static Map<String, Long> count(List<Example> options) {
    return options.stream().collect(Collectors.groupingBy(TrialSplitsTest::question, Collectors.counting()));
  }
}
