package ptune.jobs;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import ptune.results.SweepLayout;
import ptune.results.TrialRow.Column;
import ptune.tables.TablePublisher;

/**
 * The last lines a job prints: how many trials completed, failed, diverged or timed out (those that did not
 * complete listed with the first line of their error, and where the whole error is), then where
 * the tables, plots, checkpoints, trial rows and the log are.
 *
 * @param notCompleted one line per trial that did not complete: status, id, backbone method task, error
 */
record RunSummary(String sweep, SweepLayout layout, int trials, int failed, int diverged, int timedOut, int stopped,
    int checkpoints, List<String> notCompleted, Optional<Path> log) {

  /** Trials that did not complete are listed up to this many. */
  static final int LISTED = 10;
  private static final int MAX_ERROR_CHARS = 200;

  static RunSummary of(String sweep, SweepLayout layout, Dataset<Row> trials, Optional<Path> log) {
    List<Row> rows = trials.orderBy(Column.STATUS.columnName(), Column.TRIAL_ID.columnName()).collectAsList();
    List<String> notCompleted = new ArrayList<>();
    int failed = 0;
    int diverged = 0;
    int timedOut = 0;
    int stopped = 0;
    int checkpoints = 0;
    for (Row r : rows) {
      String status = Column.STATUS.of(r);
      checkpoints += Column.CHECKPOINT_PATH.of(r) == null ? 0 : 1;
      if ("COMPLETED".equals(status)) {
        continue;
      }
      if ("STOPPED".equals(status)) { // the scheduler's choice, not a problem: counted, not listed
        stopped++;
        continue;
      }
      failed += "FAILED".equals(status) ? 1 : 0;
      diverged += "DIVERGED".equals(status) ? 1 : 0;
      timedOut += "TIMED_OUT".equals(status) ? 1 : 0;
      String error = Column.ERROR.of(r);
      notCompleted.add(String.format(Locale.ROOT, "%-9s trial %s (%s %s %s)%s", status, Column.TRIAL_ID.of(r),
          Column.BACKBONE.of(r), Column.METHOD.of(r), Column.TASK.of(r),
          error == null || error.isBlank() ? "" : ": " + firstLine(error)));
    }
    return new RunSummary(sweep, layout, rows.size(), failed, diverged, timedOut, stopped, checkpoints, notCompleted, log);
  }

  List<String> lines() {
    List<String> lines = new ArrayList<>();
    String counts = String.format(Locale.ROOT, "%s: %d trials, %d completed, %d failed, %d diverged", sweep, trials,
        trials - notCompleted.size() - stopped, failed, diverged)
        + (timedOut == 0 ? "" : String.format(Locale.ROOT, ", %d timed out (a rerun continues them)", timedOut))
        + (stopped == 0 ? "" : String.format(Locale.ROOT, ", %d stopped at a rung by the scheduler (left out of the tables)", stopped));
    if (notCompleted.isEmpty()) {
      lines.add(counts);
    } else {
      lines.add(counts + "; whole errors in trials.csv's error column" + log.map(f -> " and in the log").orElse("") + ":");
      notCompleted.stream().limit(LISTED).forEach(line -> lines.add("  " + line));
      if (notCompleted.size() > LISTED) {
        lines.add("  ... and " + (notCompleted.size() - LISTED) + " more");
      }
    }
    lines.add("  tables:      " + SweepLayout.display(layout.tables()) + " (the table above: selected-on-dev.md)");
    lines.add("  report:      " + SweepLayout.display(layout.tables() + "/" + TablePublisher.REPORT) + " (tables, figures, errors, comparison)");
    lines.add("  plots:       " + SweepLayout.display(layout.plots()));
    lines.add("  checkpoints: " + SweepLayout.display(layout.checkpoints()) + " (" + checkpoints + ")");
    lines.add("  trials:      " + SweepLayout.display(layout.trials()) + "/trials.csv");
    log.ifPresent(f -> lines.add("  log:         " + f));
    return lines;
  }

  private static String firstLine(String text) {
    String first = text.strip().lines().findFirst().orElse("");
    return first.length() <= MAX_ERROR_CHARS ? first : first.substring(0, MAX_ERROR_CHARS) + "...";
  }
}
