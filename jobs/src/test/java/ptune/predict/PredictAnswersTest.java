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
import ptune.dataset.SpanExtractionExample;
import ptune.dataset.Split;
import ptune.tasks.TaskRegistry;

/**
 * Span QA: {@code evaluate} of a real tiny SQuAD trial's checkpoint on its dev file gives the
 * trial's EM/F1; {@code predict} writes per question an answer that is the context's text at the
 * span it reports.
 */
class PredictAnswersTest {

  @Test
  void squadEvaluateAndPredict(@TempDir Path tmp) throws Exception {
    TinyTrial trial = TinyTrial.squad();
    Path dev = trial.file("qa/squad_v1.1/dev-v1.1.json");

    Path json = tmp.resolve("eval.json");
    TinyTrial.Run evaluated = TinyTrial.ptune("evaluate", trial.checkpoint.toString(), "--file",
        dev.toString(), "--output", json.toString());
    assertEquals(0, evaluated.exitCode(), evaluated.err());
    JsonNode metrics = new ObjectMapper().readTree(json.toFile()).get("metrics");
    Map<String, Double> trialDev = trial.result.bestDevMetrics();
    assertTrue(trialDev.containsKey("exact_match"), trialDev.toString());
    for (String key : trialDev.keySet()) {
      assertEquals(trialDev.get(key), metrics.get(key).asDouble(), 0.0, key);
    }

    Path out = tmp.resolve("predictions");
    TinyTrial.Run predicted = TinyTrial.ptune("predict", trial.checkpoint.toString(), "--input",
        dev.toString(), "--output", out.toString());
    assertEquals(0, predicted.exitCode(), predicted.err());
    SparkSession spark = SparkSession.builder().getOrCreate();
    List<Example> gold = TaskRegistry.get("squad").load(Split.DEV, trial.dataDir).examples();
    Map<String, String> contexts = gold.stream().collect(Collectors.toMap(Example::id,
        e -> ((SpanExtractionExample) e).context()));
    List<Row> rows = spark.read().parquet(out.resolve("parquet").toString())
        .select("id", "answer", "start", "end", "score").collectAsList();
    assertEquals(gold.size(), rows.size());
    assertEquals(contexts.keySet(), rows.stream().map(r -> r.getString(0)).collect(Collectors.toSet()));
    int answered = 0;
    for (Row r : rows) {
      String answer = r.getString(1);
      int start = r.getInt(2);
      if (start >= 0) {
        answered++;
        assertEquals(answer, contexts.get(r.getString(0)).substring(start, r.getInt(3)), r.toString());
      }
    }
    assertTrue(answered > 0, "some question is answered");
    assertEquals(gold.size(), spark.read().json(out.resolve("jsonl").toString()).count());
  }
}
