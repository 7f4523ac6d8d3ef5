package ptune.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ptune.dataset.Example;
import ptune.dataset.Split;
import ptune.dataset.Task;
import ptune.tasks.TaskRegistry;
import ptune.dataset.TokenTaggingExample;

/**
 * Tagging: {@code evaluate} of a real tiny CoNLL-2003 trial's checkpoint on its dev file gives the
 * trial's span P/R/F1; {@code predict} writes the words and one CoNLL-2003 tag per kept word.
 */
class PredictTaggingTest {

  @Test
  void conll03EvaluateAndPredict(@TempDir Path tmp) throws Exception {
    TinyTrial trial = TinyTrial.conll03();
    Path dev = trial.file("ner/conll2003/valid.txt");

    Path json = tmp.resolve("eval.json");
    TinyTrial.Run evaluated = TinyTrial.ptune("evaluate", trial.checkpoint.toString(), "--file",
        dev.toString(), "--output", json.toString());
    assertEquals(0, evaluated.exitCode(), evaluated.err());
    JsonNode metrics = new ObjectMapper().readTree(json.toFile()).get("metrics");
    Map<String, Double> trialDev = trial.result.bestDevMetrics();
    assertTrue(trialDev.containsKey("f1"), trialDev.toString());
    for (String key : trialDev.keySet()) {
      assertEquals(trialDev.get(key), metrics.get(key).asDouble(), 0.0, key);
    }

    Path out = tmp.resolve("predictions");
    TinyTrial.Run predicted = TinyTrial.ptune("predict", trial.checkpoint.toString(), "--input",
        dev.toString(), "--output", out.toString());
    assertEquals(0, predicted.exitCode(), predicted.err());
    SparkSession spark = SparkSession.builder().getOrCreate();
    spark.read().parquet(out.resolve("parquet").toString()).createOrReplaceTempView("t");
    Task conll03 = TaskRegistry.get("conll03");
    List<Example> gold = conll03.load(Split.DEV, trial.dataDir).examples();
    assertEquals(gold.size(), spark.sql("SELECT count(*) FROM t").first().getLong(0));
    Map<String, List<String>> wordsById = gold.stream().collect(Collectors.toMap(Example::id,
        e -> ((TokenTaggingExample) e).words()));
    int full = 0;
    for (Row r : spark.sql("SELECT id, words, tags FROM t").collectAsList()) {
      List<String> words = r.getList(1);
      List<String> tags = r.getList(2);
      assertEquals(wordsById.get(r.getString(0)), words, r.getString(0));
      assertTrue(tags.size() <= words.size() && !tags.isEmpty(), r.toString());
      assertTrue(conll03.labels().names().containsAll(tags), tags.toString());
      full += tags.size() == words.size() ? 1 : 0;
    }
    assertTrue(full > 0, "some sentence fits max_len whole");
    assertEquals(gold.size(), spark.read().json(out.resolve("jsonl").toString()).count());
  }
}
