package ptune.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import ptune.trial.EpochMetrics;
import ptune.trial.TrialResult;
import ptune.trial.TrialSpec;
import ptune.trial.TrialStatus;

class TrialRowTest {

  private static final TrialRow.Provenance PROVENANCE =
      new TrialRow.Provenance(null, "0", "ptune.trial.PromptTuningTrialRunner", "/data");

  private static final ObjectMapper JSON = new ObjectMapper();

  private static TrialResult result(String task, List<EpochMetrics> epochs, Map<String, Double> test) {
    TrialSpec spec = TrialSpec.of("s", "minilm-l6", "pt2", task, 1, Map.of("lr", 0.01));
    return TrialResult.builder(spec, TrialStatus.COMPLETED).metricName("f1").epochs(epochs)
        .best(1, 0.8, Map.of("f1", 0.8)).testMetrics(test).majorityBaseline(0.0).devSize(80).parameters(10, 100)
        .seconds(1.0).examplesPerSecond(10.0).device("cpu").features("tokenized").build();
  }

  @Test
  void testMetricsOfTheBestDevEpochAndPerEpochTestScoresAreInTheRow() throws Exception {
    List<EpochMetrics> epochs = List.of(
        new EpochMetrics(1, 0.5, 0.8, Map.of("f1", 0.8), 2.0, Map.of("f1", 0.7, "precision", 0.6)),
        new EpochMetrics(2, 0.4, 0.75, Map.of("f1", 0.75), 2.0));
    JsonNode row = JSON.readTree(TrialRow.toJson(result("conll03", epochs, Map.of("f1", 0.7, "precision", 0.6)), PROVENANCE));
    assertEquals(0.7, row.get("test_score").asDouble(), 1e-12);
    assertEquals(0.6, JSON.readTree(row.get("test_metrics_json").asText()).get("precision").asDouble(), 1e-12);
    JsonNode history = JSON.readTree(row.get("epochs_json").asText());
    assertEquals(0.7, history.get(0).get("testMetrics").get("f1").asDouble(), 1e-12);
    assertEquals(0, history.get(1).get("testMetrics").size(), "epoch 2 did not improve dev: no test scoring");
  }

  /** Old sweep directories hold these names in this order: a rerun reads them back. */
  @Test
  void theRowHasTheFixedColumnsAroundTheHyperparametersInTheirOrder() throws Exception {
    JsonNode row = JSON.readTree(TrialRow.toJson(
        result("rte", List.of(new EpochMetrics(1, 0.5, 0.8, Map.of("f1", 0.8), 2.0)), Map.of()), PROVENANCE));
    List<String> names = new ArrayList<>();
    row.fieldNames().forEachRemaining(names::add);
    assertEquals(List.of("trial_id", "sweep", "backbone", "method", "task", "seed", "lr", "status", "error", "metric",
        "dev_score", "best_epoch", "epochs_run", "last_dev_score", "dev_scores", "epochs_json", "dev_metrics_json",
        "held_out_score", "held_out_metrics_json", "test_score", "test_metrics_json", "majority_baseline", "dev_size",
        "trainable_parameters", "total_parameters", "seconds", "examples_per_second", "device", "executor", "features",
        "runner", "data_dir", "checkpoint_path", "resumed_epochs", "finished_at"), names);
    assertEquals(0, row.get("resumed_epochs").asInt(), "a trial run from epoch 1 resumed none");
    assertEquals(0.01, row.get("lr").asDouble(), 0.0);
    assertEquals(1, row.get("seed").asLong());
    assertEquals("ptune.trial.PromptTuningTrialRunner", row.get("runner").asText());
    assertTrue(row.get("error").isNull() && row.get("checkpoint_path").isNull() && row.get("held_out_score").isNull());
    assertEquals(0.8, row.get("dev_scores").get(0).asDouble(), 0.0);
  }

  @Test
  void aTaskWithoutTestLabelsHasNoTestScore() throws Exception {
    JsonNode row = JSON.readTree(TrialRow.toJson(
        result("rte", List.of(new EpochMetrics(1, 0.5, 0.8, Map.of("f1", 0.8), 2.0)), Map.of()), PROVENANCE));
    assertTrue(row.get("test_score").isNull());
    assertEquals("{}", row.get("test_metrics_json").asText());
  }
}
