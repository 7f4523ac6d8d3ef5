package ptune.tables;

import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.JFreeChart;

/** Which figures a sweep gets, each drawn with the same method colours. */
final class SweepFigures {

  private static final int WIDTH = 900;

  private SweepFigures() {}

  /** Per backbone: methods per task, score vs prompt length, learning curves; score vs size for 2+ backbones. */
  static List<Figure> of(ResultTable devTable, List<TrialRecord> records, PublishedResults published) {
    MethodPalette palette = MethodPalette.of(records.stream().map(TrialRecord::method).toList());
    List<Figure> figures = new ArrayList<>();
    for (String backbone : devTable.backbones()) {
      String b = Figure.fileNamePart(backbone);
      figures.add(new Figure("methods-per-task-" + b,
          backbone + ": each method's selected score per task (mean ± std over seeds), majority class dashed, "
              + "published numbers hollow",
          Charts.methodsPerTask(devTable, backbone, published, palette), WIDTH, 540));
      JFreeChart byLength = Charts.devScoreByPromptLength(records, backbone, palette);
      figures.add(new Figure("dev-vs-prompt-length-" + b,
          backbone + ": dev score against prompt length, best grid point per length", byLength, WIDTH,
          panelled(byLength)));
      JFreeChart curves = Charts.learningCurves(devTable, records, backbone, palette);
      figures.add(new Figure("learning-curves-" + b,
          backbone + ": dev score per epoch of the best trial of each cell", curves, WIDTH, panelled(curves)));
    }
    if (Charts.backboneParameters(records).keySet().stream().filter(devTable.backbones()::contains).count() >= 2) {
      figures.add(new Figure("score-vs-backbone-size", "selected score against backbone size (the paper's Figure 1)",
          Charts.scoreByBackboneSize(devTable, records, palette), WIDTH, 560));
    }
    return figures;
  }

  /** Height of a figure with one panel per task: title, legend and axis, plus a band per panel. */
  private static int panelled(JFreeChart chart) {
    return 170 + 230 * Math.max(1, Charts.panels(chart));
  }
}
