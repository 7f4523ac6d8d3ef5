package ptune.tables;

import java.util.function.Function;

/** How a table cell picks its grid point and which score it reports. */
public enum Selection {
  /**
   * As the paper: grid point with the best mean dev score, each trial at its best dev epoch (the
   * same set selects and reports, so these numbers are optimistic on small dev sets).
   */
  DEV_BEST_EPOCH("selected-on-dev", "grid point and epoch selected on dev (as the paper reports)",
      TrialRecord::devScore, TrialRecord::devScore, false),
  /**
   * Grid point with the best mean score on the held-out part of train, reported as the dev score
   * of its final epoch, so dev is never used to choose anything.
   */
  HELD_OUT("selected-on-held-out", "grid point selected on held-out train data; final-epoch dev score",
      TrialRecord::heldOutScore, TrialRecord::lastDevScore, false),
  /**
   * As the paper reports NER and SRL: grid point and epoch selected on dev, reported as the test
   * score at the best dev epoch. Only tasks whose test split is labelled have one.
   */
  DEV_BEST_EPOCH_TEST("selected-on-dev-test",
      "grid point and epoch selected on dev; test score at the best dev epoch (as the paper reports NER and SRL)",
      TrialRecord::devScore, TrialRecord::testScore, true);

  public final String fileName;
  public final String description;
  final Function<TrialRecord, Double> selectBy;
  final Function<TrialRecord, Double> report;
  /** The reported numbers are test scores, and the table lists only tasks that have them. */
  final boolean reportsTest;

  Selection(String fileName, String description, Function<TrialRecord, Double> selectBy,
      Function<TrialRecord, Double> report, boolean reportsTest) {
    this.fileName = fileName;
    this.description = description;
    this.selectBy = selectBy;
    this.report = report;
    this.reportsTest = reportsTest;
  }

  /** The split the reported numbers come from. */
  public String reportedSplit() {
    return reportsTest ? "test" : "dev";
  }
}
