package ptune.tables;

import java.awt.Font;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.LevelRenderer;
import org.jfree.chart.renderer.category.LineAndShapeRenderer;
import org.jfree.chart.renderer.category.StatisticalLineAndShapeRenderer;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.Range;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.statistics.DefaultStatisticalCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;
import ptune.trial.Hyperparameters;

/**
 * The figures of a sweep, as JFreeChart charts ({@link FigureWriter} writes them as PNG and SVG).
 * Colour is the method ({@link MethodPalette}), marker shape the task; error bars are ±1 sample
 * std over seeds; dashed grey is the majority class; hollow markers are published numbers.
 */
public final class Charts {
  private static final String PREFIX_LEN = Hyperparameters.PREFIX_LEN.name();


  static {
    // Charts are drawn on servers and executors without a display.
    System.setProperty("java.awt.headless", "true");
  }

  /** Space between the points of one task's methods, as a share of the category's width. */
  private static final double ITEM_MARGIN = 0.35;

  private Charts() {}

  /** {@link #methodsPerTask(ResultTable, String, PublishedResults, MethodPalette)} with the bundled numbers. */
  public static JFreeChart methodsPerTask(ResultTable table, String backbone) {
    return methodsPerTask(table, backbone, PublishedResults.load(), MethodPalette.of(table.methods()));
  }

  /**
   * Per task, each method's selected score as a point with ±std error bars; the majority class as a
   * dashed line across the task; the published number for this backbone as a hollow diamond beside
   * ours. The y range is the data's, not 0-100.
   */
  public static JFreeChart methodsPerTask(ResultTable table, String backbone, PublishedResults published,
      MethodPalette palette) {
    List<String> methods = table.methods().stream()
        .filter(m -> table.tasks().stream().anyMatch(t -> table.cell(backbone, m, t) != null)).toList();
    DefaultStatisticalCategoryDataset ours = new DefaultStatisticalCategoryDataset();
    DefaultCategoryDataset paper = new DefaultCategoryDataset();
    DefaultCategoryDataset majority = new DefaultCategoryDataset();
    List<Double> drawn = new ArrayList<>();
    List<Integer> seeds = new ArrayList<>();
    Set<String> paperBackbones = new LinkedHashSet<>();
    LegendItemCollection legend = new LegendItemCollection();
    for (String method : methods) {
      List<Integer> methodSeeds = new ArrayList<>();
      for (String task : table.tasks()) {
        String column = taskLabel(table, task);
        Cell c = table.cell(backbone, method, task);
        ours.add(c == null ? null : c.mean(), c == null ? null : c.std(), MethodNames.display(method), column);
        if (c != null) {
          drawn.add(c.mean() - c.std());
          drawn.add(c.mean() + c.std());
          methodSeeds.add(c.seeds());
        }
        List<PublishedResults.Score> p = published.find(backbone, method, task);
        paper.addValue(p.isEmpty() ? null : p.get(0).score(), MethodNames.display(method), column);
        if (!p.isEmpty()) {
          drawn.add(p.get(0).score());
          paperBackbones.add(p.get(0).backbone());
        }
      }
      seeds.addAll(methodSeeds);
      legend.add(ChartStyle.filled(MethodNames.display(method) + " (" + ChartStyle.seeds(methodSeeds) + ")",
          ChartStyle.point(), palette.color(method)));
    }
    boolean anyMajority = false;
    for (String task : table.tasks()) {
      TaskInfo info = table.taskInfo().get(task);
      Double m = info == null ? null : info.majority();
      majority.addValue(m, "majority class", taskLabel(table, task));
      if (m != null) {
        drawn.add(m);
        anyMajority = true;
      }
    }
    if (anyMajority) {
      legend.add(ChartStyle.majority());
    }
    if (!paperBackbones.isEmpty()) {
      // Sources, and which numbers are verified, are in the table's reference rows.
      legend.add(ChartStyle.hollow("published, " + String.join(", ", paperBackbones) + " (sources: table)",
          ChartStyle.diamond(7), ChartStyle.AXIS));
    }

    CategoryAxis tasks = new CategoryAxis("task (metric)");
    tasks.setCategoryMargin(0.25);
    // With many tasks "MULTIRC (f1a)" gets narrow: wrap the metric onto a second line rather than cut it.
    tasks.setMaximumCategoryLabelLines(2);
    tasks.setMaximumCategoryLabelWidthRatio(1.25f);
    NumberAxis score = new NumberAxis(scoreLabel(table.selection()));
    score.setAutoRangeIncludesZero(false);
    score.setRange(ChartStyle.around(drawn, 10));

    StatisticalLineAndShapeRenderer points = new StatisticalLineAndShapeRenderer(false, true);
    points.setUseSeriesOffset(true);
    points.setItemMargin(ITEM_MARGIN);
    points.setErrorIndicatorStroke(ChartStyle.ERROR_BAR);
    points.setAutoPopulateSeriesShape(false);
    points.setAutoPopulateSeriesPaint(false);
    points.setDefaultShape(ChartStyle.point());
    CategoryPlot plot = new CategoryPlot(ours, tasks, score, points);

    LineAndShapeRenderer hollow = new LineAndShapeRenderer(false, true);
    hollow.setUseSeriesOffset(true);
    hollow.setItemMargin(ITEM_MARGIN);
    hollow.setDefaultShapesFilled(false);
    hollow.setAutoPopulateSeriesShape(false);
    hollow.setAutoPopulateSeriesPaint(false);
    hollow.setDefaultShape(ChartStyle.diamond(7));
    hollow.setAutoPopulateSeriesOutlineStroke(false);
    hollow.setDefaultOutlineStroke(ChartStyle.HOLLOW);
    plot.setDataset(1, paper);
    plot.setRenderer(1, hollow);

    LevelRenderer level = new LevelRenderer();
    level.setItemMargin(0);
    level.setAutoPopulateSeriesPaint(false);
    level.setAutoPopulateSeriesStroke(false);
    level.setSeriesPaint(0, ChartStyle.MAJORITY);
    level.setSeriesStroke(0, ChartStyle.DASHED);
    plot.setDataset(2, majority);
    plot.setRenderer(2, level);
    // Majority line at the back, our points in front of the published ones.
    plot.setDatasetRenderingOrder(DatasetRenderingOrder.REVERSE);

    JFreeChart chart = new JFreeChart(backbone + ": score per task and method", plot);
    ChartStyle.apply(chart, table.selection().description + "; mean ± std over " + ChartStyle.seeds(seeds));
    plot.setDomainGridlinesVisible(false);
    plot.setFixedLegendItems(legend);
    for (int i = 0; i < methods.size(); i++) {
      points.setSeriesPaint(i, palette.color(methods.get(i)));
      hollow.setSeriesPaint(i, palette.color(methods.get(i)));
    }
    return chart;
  }

  /** {@link #devScoreByPromptLength(List, String, MethodPalette)} with the palette of these records. */
  public static JFreeChart devScoreByPromptLength(List<TrialRecord> records, String backbone) {
    return devScoreByPromptLength(records, backbone, MethodPalette.of(records.stream().map(TrialRecord::method).toList()));
  }

  /**
   * Dev score against prompt length, one panel per task (tasks differ in scale and baseline), one
   * line per prompt method: at each length the grid point with the best mean dev score (over
   * seeds), drawn as that mean ± std.
   */
  public static JFreeChart devScoreByPromptLength(List<TrialRecord> records, String backbone, MethodPalette palette) {
    List<TrialRecord> usable = records.stream()
        .filter(r -> r.backbone().equals(backbone) && r.ranToTheEnd() && r.devScore() != null
            && r.hyperparameters().containsKey(PREFIX_LEN))
        .toList();
    NumberAxis length = new NumberAxis("prompt length (prefix_len: vectors per layer for PT-2, at the input for PT)");
    length.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
    length.setAutoRangeIncludesZero(false);
    CombinedDomainXYPlot combined = new CombinedDomainXYPlot(length);
    combined.setGap(14);
    double dodge = dodgeStep(usable.stream().map(r -> Double.parseDouble(r.hyperparameters().get(PREFIX_LEN))).toList());
    Set<String> methodsShown = new TreeSet<>(Comparator.comparing(MethodNames::order).thenComparing(m -> m));
    List<Integer> seeds = new ArrayList<>();
    boolean anyMajority = false;
    Map<String, List<TrialRecord>> byTask = usable.stream()
        .collect(Collectors.groupingBy(TrialRecord::task, TreeMap::new, Collectors.toList()));
    for (Map.Entry<String, List<TrialRecord>> task : byTask.entrySet()) {
      Map<String, List<TrialRecord>> byMethod = task.getValue().stream().collect(Collectors.groupingBy(TrialRecord::method,
          () -> new TreeMap<>(Comparator.comparing(MethodNames::order).thenComparing(m -> m)), Collectors.toList()));
      YIntervalSeriesCollection data = new YIntervalSeriesCollection();
      XYErrorRenderer renderer = errorLines();
      List<Double> drawn = new ArrayList<>();
      byMethod.forEach((method, trials) -> {
        YIntervalSeries s = new YIntervalSeries(task.getKey().toUpperCase(Locale.ROOT) + " " + MethodNames.display(method));
        // Methods side by side at the same length: their error bars would hide each other.
        double offset = dodge * (data.getSeriesCount() - (byMethod.size() - 1) / 2.0);
        trials.stream()
            .collect(Collectors.groupingBy(r -> Integer.parseInt(r.hyperparameters().get(PREFIX_LEN)), TreeMap::new,
                Collectors.toList()))
            .forEach((prefixLen, atLength) -> {
              List<Double> best = bestGridPointScores(atLength);
              double mean = ResultTable.mean(best);
              double std = ResultTable.std(best);
              s.add(prefixLen + offset, mean, mean - std, mean + std);
              drawn.add(mean - std);
              drawn.add(mean + std);
              seeds.add(best.size());
            });
        renderer.setSeriesPaint(data.getSeriesCount(), palette.color(method));
        data.addSeries(s);
        methodsShown.add(method);
      });
      NumberAxis score = new NumberAxis(task.getKey().toUpperCase(Locale.ROOT) + " " + task.getValue().get(0).metric());
      XYPlot panel = new XYPlot(data, null, score, renderer);
      // The tables' yardstick: over every finished trial of the task, not only those with a prompt length.
      Double majority = TaskInfo.majorityOf(records.stream()
          .filter(r -> r.ranToTheEnd() && r.task().equals(task.getKey())).toList());
      if (majority != null) {
        panel.addRangeMarker(new ValueMarker(majority, ChartStyle.MAJORITY, ChartStyle.DASHED), Layer.BACKGROUND);
        drawn.add(majority);
        anyMajority = true;
      }
      score.setRange(ChartStyle.around(drawn, 10));
      combined.add(panel);
    }
    LegendItemCollection legend = new LegendItemCollection();
    methodsShown.forEach(m -> legend.add(ChartStyle.line(MethodNames.display(m), ChartStyle.point(), palette.color(m))));
    if (anyMajority) {
      legend.add(ChartStyle.majority());
    }
    JFreeChart chart = new JFreeChart(backbone + ": dev score vs prompt length", combined);
    ChartStyle.apply(chart, usable.isEmpty() ? "no completed trial of " + backbone + " has a prefix_len"
        : "best grid point per length, selected on dev (epoch too); mean ± std over " + ChartStyle.seeds(seeds));
    combined.setFixedLegendItems(legend);
    return chart;
  }

  /**
   * The paper's Figure 1: each task and method's selected score against the backbone's parameter
   * count (log scale), one line per task and method; needs two backbones or more with a count.
   */
  public static JFreeChart scoreByBackboneSize(ResultTable table, List<TrialRecord> records, MethodPalette palette) {
    Map<String, Long> parameters = backboneParameters(records);
    List<String> backbones = table.backbones().stream().filter(parameters::containsKey)
        .sorted(Comparator.comparing(parameters::get)).toList();
    YIntervalSeriesCollection data = new YIntervalSeriesCollection();
    XYErrorRenderer renderer = errorLines();
    List<Double> drawn = new ArrayList<>();
    List<Integer> seeds = new ArrayList<>();
    LegendItemCollection legend = new LegendItemCollection();
    for (String task : table.tasks()) {
      for (String method : table.methods()) {
        String name = task.toUpperCase(Locale.ROOT) + " " + MethodNames.display(method);
        YIntervalSeries s = new YIntervalSeries(name);
        for (String backbone : backbones) {
          Cell c = table.cell(backbone, method, task);
          if (c != null) {
            s.add(parameters.get(backbone) / 1e6, c.mean(), c.mean() - c.std(), c.mean() + c.std());
            drawn.add(c.mean() - c.std());
            drawn.add(c.mean() + c.std());
            seeds.add(c.seeds());
          }
        }
        if (s.getItemCount() > 0) {
          int i = data.getSeriesCount();
          data.addSeries(s);
          renderer.setSeriesPaint(i, palette.color(method));
          renderer.setSeriesShape(i, ChartStyle.taskShape(table.tasks().indexOf(task)));
          legend.add(ChartStyle.line(name, ChartStyle.taskShape(table.tasks().indexOf(task)), palette.color(method)));
        }
      }
    }
    // Log scale, labelled at the backbones themselves (as the paper's Figure 1) rather than at round numbers.
    LogAxis size = new LogAxis("backbone parameters (log scale)");
    size.setSmallestValue(1);
    size.setTickLabelsVisible(false);
    size.setTickMarksVisible(false);
    if (!backbones.isEmpty()) {
      double lo = parameters.get(backbones.get(0)) / 1e6;
      double hi = parameters.get(backbones.get(backbones.size() - 1)) / 1e6;
      size.setRange(lo / 1.35, hi * 1.35);
    }
    NumberAxis score = new NumberAxis(scoreLabel(table.selection()));
    XYPlot plot = new XYPlot(data, size, score, renderer);
    Range range = ChartStyle.around(drawn, 10);
    // Room under the lines for the backbone names.
    range = new Range(range.getLowerBound() - 0.08 * range.getLength(), range.getUpperBound());
    score.setRange(range);
    for (String backbone : backbones) {
      XYTextAnnotation name = new XYTextAnnotation(
          String.format(Locale.ROOT, "%s (%.0fM)", backbone, parameters.get(backbone) / 1e6),
          parameters.get(backbone) / 1e6, range.getLowerBound() + 0.02 * range.getLength());
      name.setFont(new Font(ChartStyle.FONT, Font.PLAIN, 13));
      name.setPaint(ChartStyle.AXIS);
      name.setTextAnchor(TextAnchor.BOTTOM_CENTER);
      plot.addAnnotation(name);
      ValueMarker at = new ValueMarker(parameters.get(backbone) / 1e6, ChartStyle.GRID, ChartStyle.ERROR_BAR);
      plot.addDomainMarker(at, Layer.BACKGROUND);
    }
    plot.setDomainGridlinesVisible(false);
    JFreeChart chart = new JFreeChart("score vs backbone size", plot);
    ChartStyle.apply(chart, table.selection().description + "; mean ± std over " + ChartStyle.seeds(seeds));
    plot.setFixedLegendItems(legend);
    return chart;
  }

  /**
   * Learning curves: the dev score after every epoch of the best trial (seed) at each cell's selected
   * grid point, one panel per task, one line per method, the majority class dashed.
   */
  public static JFreeChart learningCurves(ResultTable table, List<TrialRecord> records, String backbone,
      MethodPalette palette) {
    NumberAxis epoch = new NumberAxis("epoch");
    epoch.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
    epoch.setAutoRangeIncludesZero(false);
    CombinedDomainXYPlot combined = new CombinedDomainXYPlot(epoch);
    combined.setGap(14);
    Set<String> methodsShown = new LinkedHashSet<>();
    boolean anyMajority = false;
    int maxEpochs = 1;
    for (String task : table.tasks()) {
      XYSeriesCollection curves = new XYSeriesCollection();
      XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
      // Colours are the methods'; the chart theme must not replace them with its own sequence.
      renderer.setAutoPopulateSeriesPaint(false);
      List<Double> drawn = new ArrayList<>();
      for (String method : table.methods()) {
        TrialRecord best = bestTrial(table, records, backbone, method, task);
        if (best == null || best.devScores().stream().noneMatch(Objects::nonNull)) {
          continue;
        }
        XYSeries curve = new XYSeries(MethodNames.display(method) + " " + best.trialId());
        // Methods side by side within an epoch, so that equal curves (common on small dev sets) stay visible.
        double dodge = 0.03 * (table.methods().indexOf(method) - (table.methods().size() - 1) / 2.0);
        for (int e = 0; e < best.devScores().size(); e++) {
          Double v = best.devScores().get(e);
          if (v != null) {
            curve.add(e + 1 + dodge, 100 * v);
            drawn.add(100 * v);
          }
        }
        maxEpochs = Math.max(maxEpochs, best.devScores().size());
        int i = curves.getSeriesCount();
        curves.addSeries(curve);
        renderer.setSeriesPaint(i, palette.color(method));
        renderer.setSeriesStroke(i, ChartStyle.LINE);
        renderer.setSeriesShape(i, ChartStyle.taskShape(0));
        methodsShown.add(method);
      }
      if (curves.getSeriesCount() == 0) {
        continue;
      }
      renderer.setAutoPopulateSeriesStroke(false);
      renderer.setAutoPopulateSeriesShape(false);
      NumberAxis score = new NumberAxis(task.toUpperCase(Locale.ROOT) + " " + metric(table, task));
      XYPlot panel = new XYPlot(curves, null, score, renderer);
      TaskInfo info = table.taskInfo().get(task);
      if (info != null && info.majority() != null) {
        panel.addRangeMarker(new ValueMarker(info.majority(), ChartStyle.MAJORITY, ChartStyle.DASHED), Layer.BACKGROUND);
        drawn.add(info.majority());
        anyMajority = true;
      }
      score.setRange(ChartStyle.around(drawn, 10));
      combined.add(panel);
    }
    epoch.setRange(0.8, maxEpochs + 0.2);
    LegendItemCollection legend = new LegendItemCollection();
    methodsShown.forEach(m -> legend.add(ChartStyle.line(MethodNames.display(m), ChartStyle.taskShape(0), palette.color(m))));
    if (anyMajority) {
      legend.add(ChartStyle.majority());
    }
    JFreeChart chart = new JFreeChart(backbone + ": dev score per epoch", combined);
    ChartStyle.apply(chart, "best seed at each cell's grid point (" + table.selection().fileName.replace('-', ' ') + ")");
    combined.setFixedLegendItems(legend);
    return chart;
  }

  /** How many task panels a figure has, so that the caller can size it. */
  static int panels(JFreeChart chart) {
    return chart.getPlot() instanceof CombinedDomainXYPlot c ? c.getSubplots().size() : 1;
  }

  /** The trial of a cell whose dev score is highest among the seeds of the cell's selected grid point. */
  static TrialRecord bestTrial(ResultTable table, List<TrialRecord> records, String backbone, String method, String task) {
    Cell c = table.cell(backbone, method, task);
    if (c == null) {
      return null;
    }
    Function<TrialRecord, Double> by = table.selection().selectBy;
    return records.stream()
        .filter(r -> r.backbone().equals(backbone) && r.method().equals(method) && r.task().equals(task) && r.ranToTheEnd()
            && r.gridPoint().equals(c.gridPoint()) && by.apply(r) != null)
        .max(Comparator.comparing(by))
        .orElse(null);
  }

  /** The backbones' parameter counts: the smallest total of any trial (the prompt methods add a little). */
  static Map<String, Long> backboneParameters(List<TrialRecord> records) {
    return records.stream().filter(r -> r.totalParameters() != null && r.totalParameters() > 0)
        .collect(Collectors.toMap(TrialRecord::backbone, TrialRecord::totalParameters, Math::min, TreeMap::new));
  }

  /** How far apart to draw lines that share x values: 0.7% of the x range. */
  private static double dodgeStep(List<Double> xs) {
    double lo = xs.stream().mapToDouble(Double::doubleValue).min().orElse(0);
    double hi = xs.stream().mapToDouble(Double::doubleValue).max().orElse(0);
    return hi > lo ? 0.007 * (hi - lo) : 0.05;
  }

  static XYErrorRenderer errorLines() {
    XYErrorRenderer renderer = new XYErrorRenderer();
    renderer.setDefaultLinesVisible(true);
    renderer.setDefaultShapesVisible(true);
    renderer.setDrawXError(false);
    renderer.setDrawYError(true);
    renderer.setCapLength(8);
    renderer.setErrorStroke(ChartStyle.ERROR_BAR);
    renderer.setAutoPopulateSeriesStroke(false);
    renderer.setDefaultStroke(ChartStyle.LINE);
    // Colours are the methods'; the chart theme must not replace them with its own sequence.
    renderer.setAutoPopulateSeriesPaint(false);
    renderer.setAutoPopulateSeriesShape(false);
    renderer.setDefaultShape(ChartStyle.point());
    return renderer;
  }

  /** Mean dev scores (points) of the seeds of the grid point whose mean is best among these trials. */
  private static List<Double> bestGridPointScores(List<TrialRecord> trials) {
    return trials.stream()
        .collect(Collectors.groupingBy(TrialRecord::gridPoint, TreeMap::new,
            Collectors.mapping(r -> 100 * r.devScore(), Collectors.toList())))
        .values().stream()
        .max(Comparator.comparing(ResultTable::mean))
        .orElse(List.of());
  }

  private static String taskLabel(ResultTable table, String task) {
    return task.toUpperCase(Locale.ROOT) + " (" + metric(table, task) + ")";
  }

  private static String metric(ResultTable table, String task) {
    TaskInfo info = table.taskInfo().get(task);
    return info == null ? "score" : info.metric();
  }

  private static String scoreLabel(Selection selection) {
    return selection == Selection.HELD_OUT ? "final-epoch dev score (points)" : "dev score (points)";
  }
}
