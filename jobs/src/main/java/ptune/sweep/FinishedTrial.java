package ptune.sweep;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Locale;
import ptune.results.TrialRow.Column;

/**
 * What the console says about a trial once its result row (its part file) exists.
 *
 * @param devScore the selected dev score as a fraction, null when the trial has none
 * @param error the first line of the trial's error, null when it has none
 */
record FinishedTrial(String trialId, String backbone, String method, String task, String status,
    Double devScore, int bestEpoch, int epochsRun, double seconds, String error) {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_ERROR_CHARS = 240;

  /** Reads the fields from a row as {@link ptune.results.TrialRow#toJson} writes it. */
  static FinishedTrial fromRow(String json) {
    try {
      JsonNode r = JSON.readTree(json);
      JsonNode devScore = Column.DEV_SCORE.of(r);
      JsonNode error = Column.ERROR.of(r);
      return new FinishedTrial(Column.TRIAL_ID.of(r).asText(), Column.BACKBONE.of(r).asText(),
          Column.METHOD.of(r).asText(), Column.TASK.of(r).asText(), Column.STATUS.of(r).asText(),
          devScore.isNumber() ? devScore.asDouble() : null, Column.BEST_EPOCH.of(r).asInt(),
          Column.EPOCHS_RUN.of(r).asInt(), Column.SECONDS.of(r).asDouble(Double.NaN),
          firstLine(error.isTextual() ? error.asText() : null));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a trial row: " + e.getOriginalMessage(), e);
    }
  }

  boolean failed() {
    return status.equals("FAILED");
  }

  boolean diverged() {
    return status.equals("DIVERGED");
  }

  /**
   * One console line: {@code trial <id> (<backbone> <method> <task>): <status>, ...}; for a failed
   * trial, the first line of its error and {@code whereIsError}.
   */
  String line(String whereIsError) {
    String head = String.format(Locale.ROOT, "trial %s (%s %s %s): %s", trialId, backbone, method, task, status);
    String time = Double.isFinite(seconds) ? String.format(Locale.ROOT, " in %.0f s", seconds) : "";
    boolean unfinished = status.equals("STOPPED") || status.equals("TIMED_OUT");
    String dev = devScore == null ? "no dev score"
        : String.format(Locale.ROOT, "dev %.1f at epoch %d of %d%s", devScore * 100, bestEpoch, epochsRun,
            unfinished ? " trained so far" : "");
    if (failed()) {
      return head + time + ": " + (error == null || error.isEmpty() ? "(no error message)" : error)
          + " [full error: " + whereIsError + "]";
    }
    String timedOut = status.equals("TIMED_OUT") ? " (stopped by trial_timeout; a rerun continues it)"
        : status.equals("STOPPED") ? " (at its rung: the scheduler promotes it or leaves it stopped)" : "";
    return head + time + ", " + dev + timedOut + (error == null || error.isEmpty() ? "" : ": " + error);
  }

  private static String firstLine(String text) {
    if (text == null) {
      return null;
    }
    String first = text.strip().lines().findFirst().orElse("");
    return first.length() <= MAX_ERROR_CHARS ? first : first.substring(0, MAX_ERROR_CHARS) + "...";
  }
}
