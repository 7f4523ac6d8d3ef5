package ptune.tables;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.apache.spark.sql.Row;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * The history figure: each headline cell (the dev-selected table's) over the runs of a sweep, one
 * panel per task, one line per backbone x method (colour the method, marker the backbone), error
 * bars ±1 std over seeds, runs in time order along x.
 */
final class HistoryChart {

  static final String NAME = "history";

  private HistoryChart() {}

  /** "2026-12-01 09:36:27" from a run id ("20261201T093627.777Z"); other names as they are. */
  static String shortLabel(String id) {
    return id.matches("\\d{8}T\\d{6}\\.\\d{3}Z")
        ? id.substring(0, 4) + "-" + id.substring(4, 6) + "-" + id.substring(6, 8) + " " + id.substring(9, 11) + ":"
            + id.substring(11, 13) + ":" + id.substring(13, 15)
        : id;
  }

  /**
   * @param runs run id -> that run's results.parquet rows (any selection; {@link CellRows#SCHEMA}, read by name),
   *     oldest first
   */
  static Figure of(Map<String, List<Row>> runs, MethodPalette palette) {
    List<String> ids = new ArrayList<>(runs.keySet());
    TreeSet<String> tasks = new TreeSet<>();
    List<String> backbones = new ArrayList<>();
    Map<String, Map<String, YIntervalSeries>> byTask = new LinkedHashMap<>();
    List<Integer> seeds = new ArrayList<>();
    for (int x = 0; x < ids.size(); x++) {
      for (Row r : runs.get(ids.get(x))) {
        if (!Selection.DEV_BEST_EPOCH.fileName.equals(r.getAs("selection"))) {
          continue;
        }
        String backbone = r.getAs("backbone");
        String method = r.getAs("method");
        String task = r.getAs("task");
        double mean = r.<Double>getAs("mean");
        double std = r.<Double>getAs("std");
        tasks.add(task);
        if (!backbones.contains(backbone)) {
          backbones.add(backbone);
        }
        seeds.add(r.<Integer>getAs("seeds"));
        byTask.computeIfAbsent(task, t -> new java.util.TreeMap<>())
            .computeIfAbsent(backbone + "\u0000" + method, k -> new YIntervalSeries(backbone + " " + MethodNames.display(method)))
            .add(x, mean, mean - std, mean + std);
      }
    }
    SymbolAxis runAxis = new SymbolAxis("run (UTC start)", ids.stream().map(HistoryChart::shortLabel).toArray(String[]::new));
    runAxis.setGridBandsVisible(false);
    runAxis.setVerticalTickLabels(ids.size() > 6); // a scheduled sweep's history grows; keep labels apart
    runAxis.setRange(-0.3, Math.max(1, ids.size()) - 0.7);
    CombinedDomainXYPlot combined = new CombinedDomainXYPlot(runAxis);
    combined.setGap(14);
    LegendItemCollection legend = new LegendItemCollection();
    List<String> inLegend = new ArrayList<>();
    for (String task : tasks) {
      YIntervalSeriesCollection data = new YIntervalSeriesCollection();
      XYErrorRenderer renderer = Charts.errorLines();
      List<Double> drawn = new ArrayList<>();
      for (Map.Entry<String, YIntervalSeries> e : byTask.get(task).entrySet()) {
        String backbone = e.getKey().substring(0, e.getKey().indexOf('\u0000'));
        String method = e.getKey().substring(e.getKey().indexOf('\u0000') + 1);
        YIntervalSeries s = e.getValue();
        int i = data.getSeriesCount();
        data.addSeries(s);
        renderer.setSeriesPaint(i, palette.color(method));
        renderer.setSeriesShape(i, ChartStyle.taskShape(backbones.indexOf(backbone)));
        for (int k = 0; k < s.getItemCount(); k++) {
          drawn.add(s.getYLowValue(k));
          drawn.add(s.getYHighValue(k));
        }
        if (!inLegend.contains(e.getKey())) {
          inLegend.add(e.getKey());
          legend.add(ChartStyle.line((String) s.getKey(), ChartStyle.taskShape(backbones.indexOf(backbone)),
              palette.color(method)));
        }
      }
      NumberAxis score = new NumberAxis(task.toUpperCase(Locale.ROOT) + " dev (points)");
      score.setRange(ChartStyle.around(drawn, 10));
      combined.add(new XYPlot(data, null, score, renderer));
    }
    JFreeChart chart = new JFreeChart("headline cells over the runs", combined);
    ChartStyle.apply(chart, Selection.DEV_BEST_EPOCH.description + "; mean ± std over " + ChartStyle.seeds(seeds));
    combined.setFixedLegendItems(legend);
    return new Figure(NAME, "each cell of the dev-selected table over the sweep's runs (mean ± std over seeds)",
        chart, 900, 170 + 230 * Math.max(1, tasks.size()));
  }
}
