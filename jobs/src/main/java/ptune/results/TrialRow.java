package ptune.results;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import ptune.trial.EpochMetrics;
import ptune.trial.TrialResult;

/**
 * One trial's result row: ids, every hyperparameter as its own column, per-epoch dev metrics (as
 * JSON and as an array of scores), the selected and final scores, baselines, cost and provenance.
 * {@code test_score} / {@code test_metrics_json} are the test metrics at the best dev epoch, for
 * tasks with a labelled test split (null / empty otherwise); {@code epochs_json} also holds each
 * epoch's {@code testMetrics}. Scores are fractions as the runner reports them (0.783, not 78.3).
 */
public final class TrialRow {

  public static final String TRIAL_ID = "trial_id";

  /**
   * What the trial id does not hash but the result depends on: the runner class and the raw data
   * it read. A rerun that differs in them says so about the trials it keeps.
   */
  public static final String RUNNER = "runner";
  public static final String DATA_DIR = "data_dir";

  /** Written last: a part without it was cut short. */
  public static final String LAST_COLUMN = "finished_at";

  /** Columns before the hyperparameters. */
  public static final StructType ID_COLUMNS =
      new StructType(
          new StructField[] {
            field(TRIAL_ID, DataTypes.StringType),
            field("sweep", DataTypes.StringType),
            field("backbone", DataTypes.StringType),
            field("method", DataTypes.StringType),
            field("task", DataTypes.StringType),
            field("seed", DataTypes.LongType),
          });

  /** Columns after the hyperparameters. */
  public static final StructType RESULT_COLUMNS =
      new StructType(
          new StructField[] {
            field("status", DataTypes.StringType),
            field("error", DataTypes.StringType),
            field("metric", DataTypes.StringType),
            field("dev_score", DataTypes.DoubleType),
            field("best_epoch", DataTypes.IntegerType),
            field("epochs_run", DataTypes.IntegerType),
            field("last_dev_score", DataTypes.DoubleType),
            field("dev_scores", DataTypes.createArrayType(DataTypes.DoubleType)),
            field("epochs_json", DataTypes.StringType),
            field("dev_metrics_json", DataTypes.StringType),
            field("held_out_score", DataTypes.DoubleType),
            field("held_out_metrics_json", DataTypes.StringType),
            field("test_score", DataTypes.DoubleType),
            field("test_metrics_json", DataTypes.StringType),
            field("majority_baseline", DataTypes.DoubleType),
            field("dev_size", DataTypes.IntegerType),
            field("trainable_parameters", DataTypes.LongType),
            field("total_parameters", DataTypes.LongType),
            field("seconds", DataTypes.DoubleType),
            field("examples_per_second", DataTypes.DoubleType),
            field("device", DataTypes.StringType),
            field("executor", DataTypes.StringType),
            field("features", DataTypes.StringType),
            field(RUNNER, DataTypes.StringType),
            field(DATA_DIR, DataTypes.StringType),
            field("checkpoint_path", DataTypes.StringType),
            field("finished_at", DataTypes.StringType),
          });

  /** Names a hyperparameter may not take because a fixed column has it. */
  public static final Set<String> RESERVED =
      Stream.concat(Arrays.stream(ID_COLUMNS.fieldNames()), Arrays.stream(RESULT_COLUMNS.fieldNames()))
          .collect(Collectors.toUnmodifiableSet());

  private static final ObjectMapper JSON = new ObjectMapper();

  private TrialRow() {}

  /** The row of {@code result} as one JSON object (the content of its part file). */
  public static String toJson(TrialResult result, String checkpointPath, String executor, String runner,
      String dataDir) {
    ObjectNode row = JSON.createObjectNode();
    row.put(TRIAL_ID, result.trialId());
    row.put("sweep", result.spec().sweep());
    row.put("backbone", result.spec().backbone());
    row.put("method", result.spec().method());
    row.put("task", result.spec().task());
    row.put("seed", result.spec().seed());
    result.spec().hyperparameters().forEach((k, v) -> putTyped(row, k, v));
    row.put("status", result.status().name());
    row.put("error", result.error());
    row.put("metric", result.metricName());
    putScore(row, "dev_score", result.bestEpoch() > 0 ? result.bestDevScore() : Double.NaN);
    row.put("best_epoch", result.bestEpoch());
    List<EpochMetrics> epochs = result.epochs() == null ? List.of() : result.epochs();
    row.put("epochs_run", epochs.size());
    putScore(row, "last_dev_score", epochs.isEmpty() ? Double.NaN : epochs.get(epochs.size() - 1).devScore());
    ArrayNode scores = row.putArray("dev_scores");
    epochs.forEach(e -> scores.add(Double.isFinite(e.devScore()) ? e.devScore() : null));
    row.put("epochs_json", JSON.valueToTree(epochs).toString());
    row.put("dev_metrics_json", metricsJson(result.bestDevMetrics()));
    putScore(row, "held_out_score", score(result.heldOutMetrics(), result.metricName()));
    row.put("held_out_metrics_json", metricsJson(result.heldOutMetrics()));
    putScore(row, "test_score", score(result.testMetrics(), result.metricName()));
    row.put("test_metrics_json", metricsJson(result.testMetrics()));
    putScore(row, "majority_baseline", result.majorityBaseline());
    row.put("dev_size", result.devSize());
    row.put("trainable_parameters", result.trainableParameters());
    row.put("total_parameters", result.totalParameters());
    putScore(row, "seconds", result.seconds());
    putScore(row, "examples_per_second", result.examplesPerSecond());
    row.put("device", result.device());
    row.put("executor", executor);
    row.put("features", result.features());
    row.put(RUNNER, runner);
    row.put(DATA_DIR, dataDir);
    row.put("checkpoint_path", checkpointPath);
    row.put(LAST_COLUMN, Instant.now().toString());
    return row.toString();
  }

  /** Hyperparameters are canonical strings; typed JSON lets Parquet and CSV readers see numbers. */
  private static void putTyped(ObjectNode row, String key, String value) {
    if (value.equals("true") || value.equals("false")) {
      row.put(key, Boolean.parseBoolean(value));
      return;
    }
    try {
      row.put(key, Long.parseLong(value));
      return;
    } catch (NumberFormatException notLong) {
      // fall through to double
    }
    try {
      row.put(key, Double.parseDouble(value));
    } catch (NumberFormatException notNumber) {
      row.put(key, value);
    }
  }

  private static double score(Map<String, Double> metrics, String metric) {
    if (metrics == null || metric == null) {
      return Double.NaN;
    }
    Double v = metrics.get(metric);
    return v == null ? Double.NaN : v;
  }

  /** Non-finite values become null: JSON has no NaN, and a missing score is what it means. */
  private static void putScore(ObjectNode row, String key, double value) {
    if (Double.isFinite(value)) {
      row.put(key, value);
    } else {
      row.putNull(key);
    }
  }

  private static String metricsJson(Map<String, Double> metrics) {
    return JSON.valueToTree(metrics == null ? Map.of() : metrics).toString();
  }

  private static StructField field(String name, DataType type) {
    return DataTypes.createStructField(name, type, true);
  }
}
