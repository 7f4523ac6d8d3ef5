package ptune.tables;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import ptune.results.TrialTable;

/**
 * The part of a trial's result row that the tables, figures and report need, with the
 * hyperparameters (without the seed) as the grid point the trial belongs to. Scores are fractions;
 * null when missing. {@code devScores} is the dev score after each epoch (null entries for epochs
 * without a finite score).
 */
public record TrialRecord(
    String trialId,
    String backbone,
    String method,
    String task,
    long seed,
    Map<String, String> hyperparameters,
    String status,
    String metric,
    Double devScore,
    Double lastDevScore,
    Double heldOutScore,
    Double testScore,
    Double majorityBaseline,
    Integer devSize,
    List<Double> devScores,
    Long totalParameters,
    String error,
    String checkpointPath) {

  public TrialRecord {
    devScores = devScores == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(devScores));
  }

  /** A record with the fields the tables use; no epoch history, parameter count, error or checkpoint. */
  public TrialRecord(String trialId, String backbone, String method, String task, long seed,
      Map<String, String> hyperparameters, String status, String metric, Double devScore, Double lastDevScore,
      Double heldOutScore, Double testScore, Double majorityBaseline, Integer devSize) {
    this(trialId, backbone, method, task, seed, hyperparameters, status, metric, devScore, lastDevScore, heldOutScore,
        testScore, majorityBaseline, devSize, List.of(), null, null, null);
  }

  /** Trials with the same grid point differ only in their seed. */
  public String gridPoint() {
    return hyperparameters.toString();
  }

  public boolean failed() {
    return "FAILED".equals(status);
  }

  public boolean diverged() {
    return "DIVERGED".equals(status);
  }

  public static List<TrialRecord> collect(Dataset<Row> trials) {
    List<String> hpColumns = TrialTable.hyperparameterColumns(trials);
    List<TrialRecord> records = new ArrayList<>();
    for (Row r : trials.collectAsList()) {
      Map<String, String> hp = new TreeMap<>();
      for (String c : hpColumns) {
        Object v = r.getAs(c);
        if (v != null) {
          hp.put(c, String.valueOf(v));
        }
      }
      int scores = r.fieldIndex("dev_scores");
      records.add(new TrialRecord(
          r.getAs("trial_id"), r.getAs("backbone"), r.getAs("method"), r.getAs("task"),
          r.<Long>getAs("seed"), hp, r.getAs("status"), r.getAs("metric"),
          r.getAs("dev_score"), r.getAs("last_dev_score"), r.getAs("held_out_score"), r.getAs("test_score"),
          r.getAs("majority_baseline"), r.getAs("dev_size"),
          r.isNullAt(scores) ? List.of() : r.<Double>getList(scores),
          r.getAs("total_parameters"), r.getAs("error"), r.getAs("checkpoint_path")));
    }
    return records;
  }
}
