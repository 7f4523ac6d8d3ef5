package ptune.tables;

/**
 * One table cell: the selected grid point of a backbone x method x task, as mean +- sample std over
 * seeds, in points (percent).
 */
public record Cell(
    String backbone, String method, String task, String metric, double mean, double std, int seeds,
    String gridPoint, Double testMean) {

  public String key() {
    return backbone + "|" + method + "|" + task;
  }
}
