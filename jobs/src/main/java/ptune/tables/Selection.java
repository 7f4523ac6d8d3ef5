package ptune.tables;

import java.util.function.Function;

/** How a table cell picks its grid point and which score it reports. */
public enum Selection {
  /**
   * As the paper: grid point with the best mean dev score, each trial at its best dev epoch (the
   * same set selects and reports, so these numbers are optimistic on small dev sets).
   */
  DEV_BEST_EPOCH("selected-on-dev", "grid point and epoch selected on dev (as the paper reports)",
      TrialRecord::devScore, TrialRecord::devScore),
  /**
   * Grid point with the best mean score on the held-out part of train, reported as the dev score
   * of its final epoch, so dev is never used to choose anything.
   */
  HELD_OUT("selected-on-held-out", "grid point selected on held-out train data; final-epoch dev score",
      TrialRecord::heldOutScore, TrialRecord::lastDevScore);

  public final String fileName;
  public final String description;
  final Function<TrialRecord, Double> selectBy;
  final Function<TrialRecord, Double> report;

  Selection(String fileName, String description, Function<TrialRecord, Double> selectBy,
      Function<TrialRecord, Double> report) {
    this.fileName = fileName;
    this.description = description;
    this.selectBy = selectBy;
    this.report = report;
  }
}
