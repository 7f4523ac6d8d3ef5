package ptune.tables;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A paper-style table: rows backbone x method, columns tasks; each cell the grid point with the best
 * mean selection score over seeds, shown as mean +- std over those seeds of the reported score
 * (on the split {@link Selection#reportedSplit()} names). Trials that did not run to their end
 * (FAILED, TIMED_OUT, STOPPED) are left out; {@code timedOut} and {@code stopped} count the timed-out
 * ones and the ones the successive-halving scheduler stopped at a rung, for the table's note.
 */
public record ResultTable(
    Selection selection, List<String> backbones, List<String> methods, List<String> tasks,
    Map<String, TaskInfo> taskInfo, Map<String, Cell> cells, int timedOut, int stopped) {

  public Cell cell(String backbone, String method, String task) {
    return cells.get(backbone + "|" + method + "|" + task);
  }

  public static ResultTable build(List<TrialRecord> records, Selection selection) {
    List<TrialRecord> usable = records.stream()
        .filter(r -> r.ranToTheEnd() && selection.selectBy.apply(r) != null && selection.report.apply(r) != null)
        .toList();
    Map<String, Cell> cells = new LinkedHashMap<>();
    Map<String, List<TrialRecord>> byCell = usable.stream()
        .collect(Collectors.groupingBy(r -> r.backbone() + "|" + r.method() + "|" + r.task(), TreeMap::new, Collectors.toList()));
    byCell.forEach((key, trials) -> cells.put(key, bestGridPoint(trials, selection)));
    // A test table has a column only for the tasks with a labelled test split.
    List<TrialRecord> taskColumns = selection.reportsTest ? usable : records;
    return new ResultTable(selection,
        distinct(records, TrialRecord::backbone, Comparator.naturalOrder()),
        distinct(records, TrialRecord::method, Comparator.comparing(MethodNames::order)),
        distinct(taskColumns, TrialRecord::task, Comparator.naturalOrder()),
        taskInfo(records), cells, (int) records.stream().filter(TrialRecord::timedOut).count(),
        (int) records.stream().filter(TrialRecord::stopped).count());
  }

  private static Cell bestGridPoint(List<TrialRecord> trials, Selection selection) {
    Map<String, List<TrialRecord>> byPoint = trials.stream()
        .collect(Collectors.groupingBy(TrialRecord::gridPoint, TreeMap::new, Collectors.toList()));
    String best = null;
    double bestMean = Double.NEGATIVE_INFINITY;
    for (Map.Entry<String, List<TrialRecord>> e : byPoint.entrySet()) {
      double mean = mean(e.getValue().stream().map(selection.selectBy).toList());
      if (mean > bestMean) {
        bestMean = mean;
        best = e.getKey();
      }
    }
    List<TrialRecord> seeds = byPoint.get(best);
    List<Double> reported = seeds.stream().map(selection.report).map(v -> 100 * v).toList();
    List<Double> tests = seeds.stream().map(TrialRecord::testScore).filter(Objects::nonNull).map(v -> 100 * v).toList();
    TrialRecord first = seeds.get(0);
    return new Cell(first.backbone(), first.method(), first.task(), first.metric(), mean(reported), std(reported),
        seeds.size(), best, tests.isEmpty() ? null : mean(tests));
  }

  private static Map<String, TaskInfo> taskInfo(List<TrialRecord> records) {
    Map<String, TaskInfo> info = new TreeMap<>();
    records.stream().filter(r -> r.ranToTheEnd()).collect(Collectors.groupingBy(TrialRecord::task))
        .forEach((task, trials) -> info.put(task, new TaskInfo(task,
            trials.stream().map(TrialRecord::metric).filter(Objects::nonNull).findFirst().orElse("score"),
            TaskInfo.majorityOf(trials),
            trials.stream().map(TrialRecord::devSize).filter(Objects::nonNull).max(Integer::compare).orElse(null))));
    return info;
  }

  static double mean(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
  }

  /** Sample standard deviation (n - 1); 0 for a single seed. */
  static double std(List<Double> values) {
    if (values.size() < 2) {
      return 0;
    }
    double m = mean(values);
    double ss = values.stream().mapToDouble(v -> (v - m) * (v - m)).sum();
    return Math.sqrt(ss / (values.size() - 1));
  }

  private static List<String> distinct(List<TrialRecord> records, java.util.function.Function<TrialRecord, String> key,
      Comparator<String> order) {
    return new ArrayList<>(records.stream().map(key).distinct().sorted(order).toList());
  }
}
