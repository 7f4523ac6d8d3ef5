package ptune.results;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import ptune.trial.EpochMetrics;
import ptune.trial.TrialResult;

/**
 * One trial's result row: ids, every hyperparameter as its own column, per-epoch dev metrics (as
 * JSON and as an array of scores), the selected and final scores, baselines, cost and provenance.
 * {@code test_score} / {@code test_metrics_json} are the test metrics at the best dev epoch, for
 * tasks with a labelled test split (null / empty otherwise); {@code epochs_json} also holds each
 * epoch's {@code testMetrics}. Scores are fractions as the runner reports them (0.783, not 78.3).
 *
 * <p>{@link Column} is the one list of the fixed columns: it gives the part file's JSON
 * ({@link #toJson}), the types of trials.parquet and trials.csv ({@link TrialTable}) and the names
 * readers read by ({@link Column#of(Row)}, {@link Column#of(JsonNode)}). Adding a column is one
 * constant there plus its use.
 */
public final class TrialRow {

  /** What a row records besides the result: where its checkpoint went, who ran the trial, on what. */
  public record Provenance(String checkpointPath, String executor, String runner, String dataDir) {}

  /**
   * The fixed columns, in the order written: the id columns, then (not listed here) the
   * hyperparameters, then the result columns. Names, order and types are those old sweep
   * directories hold: a rerun reads them back.
   */
  public enum Column {
    TRIAL_ID("trial_id", DataTypes.StringType, true, (r, p) -> r.trialId()),
    SWEEP("sweep", DataTypes.StringType, true, (r, p) -> r.spec().sweep()),
    BACKBONE("backbone", DataTypes.StringType, true, (r, p) -> r.spec().backbone()),
    METHOD("method", DataTypes.StringType, true, (r, p) -> r.spec().method()),
    TASK("task", DataTypes.StringType, true, (r, p) -> r.spec().task()),
    SEED("seed", DataTypes.LongType, true, (r, p) -> r.spec().seed()),
    STATUS("status", DataTypes.StringType, false, (r, p) -> r.status().name()),
    ERROR("error", DataTypes.StringType, false, (r, p) -> r.error()),
    METRIC("metric", DataTypes.StringType, false, (r, p) -> r.metricName()),
    DEV_SCORE("dev_score", DataTypes.DoubleType, false,
        (r, p) -> r.bestEpoch() > 0 ? r.bestDevScore() : Double.NaN),
    BEST_EPOCH("best_epoch", DataTypes.IntegerType, false, (r, p) -> r.bestEpoch()),
    EPOCHS_RUN("epochs_run", DataTypes.IntegerType, false, (r, p) -> epochs(r).size()),
    LAST_DEV_SCORE("last_dev_score", DataTypes.DoubleType, false,
        (r, p) -> epochs(r).isEmpty() ? Double.NaN : epochs(r).get(epochs(r).size() - 1).devScore()),
    DEV_SCORES("dev_scores", DataTypes.createArrayType(DataTypes.DoubleType), false,
        (r, p) -> epochs(r).stream().map(EpochMetrics::devScore).toList()),
    EPOCHS_JSON("epochs_json", DataTypes.StringType, false, (r, p) -> JSON.valueToTree(epochs(r)).toString()),
    DEV_METRICS_JSON("dev_metrics_json", DataTypes.StringType, false, (r, p) -> metricsJson(r.bestDevMetrics())),
    HELD_OUT_SCORE("held_out_score", DataTypes.DoubleType, false,
        (r, p) -> score(r.heldOutMetrics(), r.metricName())),
    HELD_OUT_METRICS_JSON("held_out_metrics_json", DataTypes.StringType, false,
        (r, p) -> metricsJson(r.heldOutMetrics())),
    TEST_SCORE("test_score", DataTypes.DoubleType, false, (r, p) -> score(r.testMetrics(), r.metricName())),
    TEST_METRICS_JSON("test_metrics_json", DataTypes.StringType, false, (r, p) -> metricsJson(r.testMetrics())),
    MAJORITY_BASELINE("majority_baseline", DataTypes.DoubleType, false, (r, p) -> r.majorityBaseline()),
    DEV_SIZE("dev_size", DataTypes.IntegerType, false, (r, p) -> r.devSize()),
    TRAINABLE_PARAMETERS("trainable_parameters", DataTypes.LongType, false, (r, p) -> r.trainableParameters()),
    TOTAL_PARAMETERS("total_parameters", DataTypes.LongType, false, (r, p) -> r.totalParameters()),
    SECONDS("seconds", DataTypes.DoubleType, false, (r, p) -> r.seconds()),
    EXAMPLES_PER_SECOND("examples_per_second", DataTypes.DoubleType, false, (r, p) -> r.examplesPerSecond()),
    DEVICE("device", DataTypes.StringType, false, (r, p) -> r.device()),
    EXECUTOR("executor", DataTypes.StringType, false, (r, p) -> p.executor()),
    FEATURES("features", DataTypes.StringType, false, (r, p) -> r.features()),
    /**
     * What the trial id does not hash but the result depends on: the runner class and the raw data
     * it read. A rerun that differs in them says so about the trials it keeps.
     */
    RUNNER("runner", DataTypes.StringType, false, (r, p) -> p.runner()),
    DATA_DIR("data_dir", DataTypes.StringType, false, (r, p) -> p.dataDir()),
    CHECKPOINT_PATH("checkpoint_path", DataTypes.StringType, false, (r, p) -> p.checkpointPath()),
    /** Epochs taken over from the trial's saved training state (0: trained from epoch 1). */
    RESUMED_EPOCHS("resumed_epochs", DataTypes.IntegerType, false, (r, p) -> r.resumedEpochs()),
    /** Written last: a part without it was cut short. */
    FINISHED_AT("finished_at", DataTypes.StringType, false, (r, p) -> Instant.now().toString());

    private final String columnName;
    private final DataType type;
    private final boolean beforeHyperparameters;
    private final BiFunction<TrialResult, Provenance, Object> value;

    /**
     * @param value the column's value in a finished trial's row: a String, Integer, Long, Double (not
     *     finite: null, JSON has no NaN and a missing score is what it means), a list of Doubles, or null
     */
    Column(String columnName, DataType type, boolean beforeHyperparameters,
        BiFunction<TrialResult, Provenance, Object> value) {
      this.columnName = columnName;
      this.type = type;
      this.beforeHyperparameters = beforeHyperparameters;
      this.value = value;
    }

    /** The column's name in the row (the enum constant's {@link #name()} is Java's, not the row's). */
    public String columnName() {
      return columnName;
    }

    /** The type the consolidated tables give it, whatever JSON inference guessed. */
    public DataType type() {
      return type;
    }

    /**
     * This column's value in a row of a consolidated trial table, read by name (an array column as
     * a Java list), null when the row has none.
     */
    @SuppressWarnings("unchecked")
    public <T> T of(Row row) {
      int i = row.fieldIndex(columnName);
      if (row.isNullAt(i)) {
        return null;
      }
      return type instanceof ArrayType ? (T) row.getList(i) : row.getAs(i);
    }

    /** This column's value in a part file's row (missing: a missing node). */
    public JsonNode of(JsonNode row) {
      return row.path(columnName);
    }
  }

  /** Columns before the hyperparameters. */
  public static final List<Column> ID_COLUMNS =
      Arrays.stream(Column.values()).filter(c -> c.beforeHyperparameters).toList();

  /** Columns after the hyperparameters. */
  public static final List<Column> RESULT_COLUMNS =
      Arrays.stream(Column.values()).filter(c -> !c.beforeHyperparameters).toList();

  /** Names a hyperparameter may not take because a fixed column has it. */
  public static final Set<String> RESERVED =
      Arrays.stream(Column.values()).map(Column::columnName).collect(Collectors.toUnmodifiableSet());

  private static final ObjectMapper JSON = new ObjectMapper();

  private TrialRow() {}

  /** The row of {@code result} as one JSON object (the content of its part file). */
  public static String toJson(TrialResult result, Provenance provenance) {
    ObjectNode row = JSON.createObjectNode();
    ID_COLUMNS.forEach(c -> put(row, c.columnName, c.value.apply(result, provenance)));
    result.spec().hyperparameters().forEach((k, v) -> putTyped(row, k, v));
    RESULT_COLUMNS.forEach(c -> put(row, c.columnName, c.value.apply(result, provenance)));
    return row.toString();
  }

  private static void put(ObjectNode row, String key, Object value) {
    if (value == null) {
      row.putNull(key);
    } else if (value instanceof String s) {
      row.put(key, s);
    } else if (value instanceof Integer i) {
      row.put(key, i);
    } else if (value instanceof Long l) {
      row.put(key, l);
    } else if (value instanceof Double d) {
      putScore(row, key, d);
    } else if (value instanceof List<?> list) {
      ArrayNode array = row.putArray(key);
      list.forEach(v -> array.add(v instanceof Double d && Double.isFinite(d) ? d : null));
    } else {
      throw new IllegalStateException("column " + key + ": no JSON for a " + value.getClass().getName());
    }
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

  private static List<EpochMetrics> epochs(TrialResult result) {
    return result.epochs() == null ? List.of() : result.epochs();
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
}
