package ptune.tables;

import ptune.tables.RegressionRule.Decision;
import ptune.tables.RegressionRule.Verdict;

/**
 * One cell of two runs side by side: a score cell (a selection's backbone x method x task, in
 * points) or a throughput cell (backbone x method x task, examples per second over its trials).
 *
 * @param selection the table's selection for a score cell; null for throughput
 */
public record CellComparison(
    Kind kind, String selection, String backbone, String method, String task, SeedStats before, SeedStats after,
    Decision decision) {

  public enum Kind {
    SCORE("points"), THROUGHPUT("examples/s");

    public final String unit;

    Kind(String unit) {
      this.unit = unit;
    }
  }

  /** The key cells are matched on: never a position in a table. */
  public static String key(String selection, String backbone, String method, String task) {
    return (selection == null ? "" : selection) + "|" + backbone + "|" + method + "|" + task;
  }

  public String key() {
    return key(selection, backbone, method, task);
  }

  public Verdict verdict() {
    return decision.verdict();
  }

  public double delta() {
    return after.mean() - before.mean();
  }

  /** "minilm-l6 PT-2 cb (selected-on-dev)"; "(throughput)" for a throughput cell. */
  public String label() {
    String cell = backbone + " " + MethodNames.display(method) + " " + task;
    return cell + " (" + (selection == null ? "throughput" : selection) + ")";
  }
}
