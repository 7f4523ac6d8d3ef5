package ptune.tables;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** The figures of a sweep, as JFreeChart charts (the caller writes them as PNG). */
public final class Charts {

  static {
    // Charts are drawn on servers and executors without a display.
    System.setProperty("java.awt.headless", "true");
  }

  private Charts() {}

  /** Per task, each method's selected score (dev selection) as a bar: PT-2 against FT at a glance. */
  public static JFreeChart methodsPerTask(ResultTable table, String backbone) {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    for (String method : table.methods()) {
      for (String task : table.tasks()) {
        Cell c = table.cell(backbone, method, task);
        if (c != null) {
          data.addValue(c.mean(), MethodNames.display(method), task.toUpperCase());
        }
      }
    }
    return ChartFactory.createBarChart(backbone + ": " + table.selection().description, "task", "dev score (points)",
        data, PlotOrientation.VERTICAL, true, false, false);
  }

  /**
   * Dev score against prompt length: for each task and prompt method, the best mean (over seeds) of
   * the grid points with that prompt length.
   */
  public static JFreeChart devScoreByPromptLength(List<TrialRecord> records, String backbone) {
    XYSeriesCollection data = new XYSeriesCollection();
    Map<String, List<TrialRecord>> series = records.stream()
        .filter(r -> r.backbone().equals(backbone) && !r.failed() && r.devScore() != null
            && r.hyperparameters().containsKey("prefix_len"))
        .collect(Collectors.groupingBy(r -> r.task().toUpperCase() + " " + MethodNames.display(r.method()), TreeMap::new,
            Collectors.toList()));
    series.forEach((name, trials) -> {
      XYSeries s = new XYSeries(name);
      trials.stream()
          .collect(Collectors.groupingBy(r -> Integer.parseInt(r.hyperparameters().get("prefix_len")), TreeMap::new,
              Collectors.groupingBy(TrialRecord::gridPoint)))
          .forEach((length, points) -> s.add(length.doubleValue(), points.values().stream()
              .mapToDouble(p -> 100 * ResultTable.mean(p.stream().map(TrialRecord::devScore).filter(Objects::nonNull).toList()))
              .max().orElse(Double.NaN)));
      data.addSeries(s);
    });
    return ChartFactory.createXYLineChart(backbone + ": dev score vs prompt length", "prompt length (prefix_len)",
        "best dev score (points)", data, PlotOrientation.VERTICAL, true, false, false);
  }
}
