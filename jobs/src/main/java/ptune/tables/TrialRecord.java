package ptune.tables;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import ptune.results.TrialRow.Column;
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

  /** Stopped by its time limit before its last epoch: the tables leave it out, as a failed one. */
  public boolean timedOut() {
    return "TIMED_OUT".equals(status);
  }

  /** Stopped by the successive-halving scheduler at a rung (not promoted): left out like a timed-out one. */
  public boolean stopped() {
    return "STOPPED".equals(status);
  }

  public boolean completed() {
    return "COMPLETED".equals(status);
  }

  /** A result the tables use: the trial ran to its end (COMPLETED or DIVERGED). */
  public boolean ranToTheEnd() {
    return !failed() && !timedOut() && !stopped();
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
      List<Double> devScores = Column.DEV_SCORES.of(r);
      records.add(new TrialRecord(
          Column.TRIAL_ID.of(r), Column.BACKBONE.of(r), Column.METHOD.of(r), Column.TASK.of(r),
          Column.SEED.<Long>of(r), hp, Column.STATUS.of(r), Column.METRIC.of(r),
          Column.DEV_SCORE.of(r), Column.LAST_DEV_SCORE.of(r), Column.HELD_OUT_SCORE.of(r), Column.TEST_SCORE.of(r),
          Column.MAJORITY_BASELINE.of(r), Column.DEV_SIZE.of(r), devScores == null ? List.of() : devScores,
          Column.TOTAL_PARAMETERS.of(r), Column.ERROR.of(r), Column.CHECKPOINT_PATH.of(r)));
    }
    return records;
  }
}
