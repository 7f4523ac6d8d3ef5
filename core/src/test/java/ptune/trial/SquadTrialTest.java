package ptune.trial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ptune.dataset.DataDirectory;
import ptune.dataset.Example;
import ptune.dataset.SpanExtractionExample;
import ptune.dataset.Split;
import ptune.dataset.Task;
import ptune.tasks.TaskRegistry;
import ptune.metrics.Predictions;
import ptune.metrics.TaskEvaluator;

/**
 * The SQuAD pipeline end to end on three articles of the public dev set (the train set is not in
 * shared/datasets): windows of 96 questions on two articles train the span head, 40 questions on a
 * third article are answered by merging their windows, and EM/F1 come from the official metric. The trained model must beat
 * answering every question with the first word of its paragraph.
 */
@Tag("slow")
class SquadTrialTest {
  private static final List<String> TRAIN_ARTICLES = List.of("Sky_(United_Kingdom)",
      "1973_oil_crisis");
  private static final String DEV_ARTICLE = "Packet_switching";

  @Test
  void spanHeadAnswersQuestionsOfAnUnseenArticle(@TempDir Path tmp) throws Exception {
    Path data = tmp.resolve("data");
    writeSquadSubset(data);
    TrialSpec spec = TrialSpec.of("test", "minilm-l6", "pt2", "squad", 11, Map.of(
        "lr", 2e-2, "epochs", 3, "batch_size", 16, "max_len", 192, "doc_stride", 64,
        "prefix_len", 8, "max_train_examples", 96, "max_dev_examples", 40));
    TrialResult result = new PromptTuningTrialRunner().run(spec,
        new TrialEnvironment("cpu", data, tmp.resolve("ckpt"), TrialListener.NONE));

    assertNull(result.error(), result.error());
    assertEquals(TrialStatus.COMPLETED, result.status());
    result.epochs().forEach(e -> System.out.printf("squad epoch %d loss %.4f dev %s (%.1fs)%n",
        e.epoch(), e.trainLoss(), e.devMetrics(), e.seconds()));
    assertTrue(result.bestDevMetrics().containsKey("exact_match"), result.bestDevMetrics().toString());
    double firstWord = firstWordBaseline(data);
    System.out.printf("squad first-word baseline F1 %.2f, trained F1 %.2f%n", firstWord,
        result.bestDevScore());
    assertTrue(result.bestDevScore() > firstWord,
        "F1 " + result.bestDevScore() + " does not beat the first-word baseline " + firstWord);
  }

  /** Train file = two dev articles, dev file = a third, in the SQuAD JSON layout. */
  private static void writeSquadSubset(Path data) throws Exception {
    ObjectMapper json = new ObjectMapper();
    JsonNode dev = json.readTree(DataDirectory.resolve().resolve("qa/squad_v1.1/dev-v1.1.json").toFile());
    Map<String, JsonNode> byTitle = new LinkedHashMap<>();
    dev.get("data").forEach(article -> byTitle.put(article.get("title").asText(), article));
    Path dir = Files.createDirectories(data.resolve("qa/squad_v1.1"));
    ObjectNode train = json.createObjectNode().put("version", "1.1");
    ArrayNode trainArticles = train.putArray("data");
    TRAIN_ARTICLES.forEach(title -> trainArticles.add(byTitle.get(title)));
    json.writeValue(dir.resolve("train-v1.1.json").toFile(), train);
    ObjectNode heldOut = json.createObjectNode().put("version", "1.1");
    heldOut.putArray("data").add(byTitle.get(DEV_ARTICLE));
    json.writeValue(dir.resolve("dev-v1.1.json").toFile(), heldOut);
  }

  private static double firstWordBaseline(Path data) {
    Task squad = TaskRegistry.get("squad");
    List<Example> questions = squad.load(Split.DEV, data).examples();
    Map<String, String> answers = new LinkedHashMap<>();
    for (Example e : questions) {
      SpanExtractionExample q = (SpanExtractionExample) e;
      answers.put(q.id(), q.context().strip().split("\\s+")[0]);
    }
    return TaskEvaluator.evaluate(squad, questions, new Predictions.Answers(answers))
        .selectionScore();
  }
}
