package ptune.tables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.ui.Layer;
import org.junit.jupiter.api.Test;

class ChartsTest {

  private static TrialRecord trial(String method, String task, long seed, String prefix, Double dev, String status) {
    Map<String, String> hp = prefix == null ? Map.of("lr", "0.01") : Map.of("lr", "0.01", "prefix_len", prefix);
    return new TrialRecord("t-" + method + task + seed + prefix, "minilm-l6", method, task, seed, hp, status, "accuracy",
        dev, dev, dev, null, 0.5, 56, dev == null ? List.of() : List.of(dev - 0.1, dev), 22_713_216L,
        status.equals("FAILED") ? "boom" : null, null);
  }

  @Test
  void scoresSitInARangeAroundTheDataInTheirMethodsColours() {
    List<TrialRecord> records = new ArrayList<>();
    for (long seed = 1; seed <= 3; seed++) {
      records.add(trial("ft", "cb", seed, null, 0.78 + 0.01 * seed, "COMPLETED"));
      records.add(trial("pt2", "cb", seed, "8", 0.74 + 0.01 * seed, "COMPLETED"));
    }
    ResultTable table = ResultTable.build(records, Selection.DEV_BEST_EPOCH);
    MethodPalette palette = MethodPalette.of(List.of("ft", "pt2"));
    JFreeChart chart = Charts.methodsPerTask(table, "minilm-l6", PublishedResults.load(), palette);
    CategoryPlot plot = chart.getCategoryPlot();
    // Majority 50, scores 75-81: the axis starts near 50, not at 0, and ends just above the top error bar.
    assertTrue(plot.getRangeAxis().getLowerBound() > 40, "lower bound " + plot.getRangeAxis().getLowerBound());
    assertTrue(plot.getRangeAxis().getUpperBound() < 90, "upper bound " + plot.getRangeAxis().getUpperBound());
    assertEquals(palette.color("ft"), plot.getRenderer(0).getSeriesPaint(0));
    assertEquals(palette.color("pt2"), plot.getRenderer(0).getSeriesPaint(1));
    assertEquals(ChartStyle.DASHED, plot.getRenderer(2).getSeriesStroke(0), "majority class dashed");

    CombinedDomainXYPlot byLength = (CombinedDomainXYPlot) Charts.devScoreByPromptLength(records, "minilm-l6", palette)
        .getPlot();
    assertEquals(1, byLength.getSubplots().size(), "one panel: CB");
    XYPlot cb = byLength.getSubplots().get(0);
    assertEquals(1, cb.getDataset().getSeriesCount(), "one line: PT-2 (FT has no prompt length)");
    assertEquals(palette.color("pt2"), cb.getRenderer().getSeriesPaint(0));
  }

  @Test
  void thePromptLengthPanelsDrawTheTablesMajorityClass() {
    // FT's trials (no prompt length, so no line here) hold the higher majority: the panel still draws it.
    List<TrialRecord> records = List.of(
        new TrialRecord("ft1", "minilm-l6", "ft", "rte", 1, Map.of("lr", "3e-5"), "COMPLETED", "accuracy",
            0.55, 0.55, 0.55, null, 146 / 277.0, 277),
        new TrialRecord("pt21", "minilm-l6", "pt2", "rte", 1, Map.of("lr", "0.01", "prefix_len", "16"), "COMPLETED",
            "accuracy", 0.54, 0.54, 0.54, null, 131 / 277.0, 277));
    double majority = ResultTable.build(records, Selection.DEV_BEST_EPOCH).taskInfo().get("rte").majority();
    XYPlot rte = ((CombinedDomainXYPlot) Charts.devScoreByPromptLength(records, "minilm-l6").getPlot()).getSubplots().get(0);
    assertEquals(List.of(majority), rte.getRangeMarkers(Layer.BACKGROUND).stream()
        .map(m -> ((ValueMarker) m).getValue()).toList());
    assertEquals(100.0 * 146 / 277, majority, 1e-9);
  }

  @Test
  void aSweepWhoseTrialsAllFailedStillGetsItsFigures() throws Exception {
    List<TrialRecord> records = List.of(trial("ft", "cb", 1, null, null, "FAILED"),
        trial("pt2", "rte", 1, "8", null, "FAILED"));
    List<Figure> figures = SweepFigures.of(ResultTable.build(records, Selection.DEV_BEST_EPOCH), records,
        PublishedResults.load());
    assertEquals(3, figures.size());
    for (Figure f : figures) {
      assertTrue(f.png().length > 1000, f.name());
      DocumentBuilderFactory xml = DocumentBuilderFactory.newInstance();
      xml.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
      xml.newDocumentBuilder().parse(new ByteArrayInputStream(f.svg().getBytes(StandardCharsets.UTF_8)));
    }
  }

  @Test
  void otherMethodsGetTheirOwnColourWhateverTheOrder() {
    MethodPalette a = MethodPalette.of(List.of("ft", "lora", "adapter", "pt2"));
    MethodPalette b = MethodPalette.of(List.of("adapter", "pt2", "lora"));
    assertEquals(a.color("lora"), b.color("lora"));
    assertEquals(a.color("adapter"), b.color("adapter"));
    assertTrue(!a.color("lora").equals(a.color("adapter")) && !a.color("lora").equals(a.color("ft")));
    assertEquals(MethodPalette.GREEN, b.color("pt2"));
  }
}
