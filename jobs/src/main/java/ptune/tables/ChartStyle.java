package ptune.tables;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.awt.Shape;
import java.awt.Stroke;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.StandardChartTheme;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.Range;

/**
 * How ptune's figures look, in one place: white background, light grid, fonts readable when the
 * figure is shrunk to a column, the markers and strokes that mean the same thing in every figure
 * (dashed grey = majority class, hollow = published number).
 */
final class ChartStyle {

  static final String FONT = Font.SANS_SERIF;
  static final Color GRID = new Color(0xDDDDDD);
  static final Color AXIS = new Color(0x333333);
  static final Color MAJORITY = new Color(0x666666);
  static final Stroke LINE = new BasicStroke(2.2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
  static final Stroke ERROR_BAR = new BasicStroke(1.6f);
  static final Stroke HOLLOW = new BasicStroke(2.0f);
  static final Stroke DASHED = new BasicStroke(1.8f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
      new float[] {7f, 5f}, 0f);

  private static final StandardChartTheme THEME = theme();

  private ChartStyle() {}

  private static StandardChartTheme theme() {
    StandardChartTheme t = new StandardChartTheme("ptune");
    t.setExtraLargeFont(new Font(FONT, Font.BOLD, 18));
    t.setLargeFont(new Font(FONT, Font.PLAIN, 15));
    t.setRegularFont(new Font(FONT, Font.PLAIN, 14));
    t.setSmallFont(new Font(FONT, Font.PLAIN, 12));
    t.setChartBackgroundPaint(Color.WHITE);
    t.setPlotBackgroundPaint(Color.WHITE);
    t.setLegendBackgroundPaint(Color.WHITE);
    t.setPlotOutlinePaint(GRID);
    t.setDomainGridlinePaint(GRID);
    t.setRangeGridlinePaint(GRID);
    t.setAxisLabelPaint(AXIS);
    t.setTickLabelPaint(AXIS);
    t.setTitlePaint(Color.BLACK);
    t.setSubtitlePaint(AXIS);
    t.setLegendItemPaint(Color.BLACK);
    t.setBarPainter(new StandardBarPainter());
    t.setShadowVisible(false);
    t.setAxisOffset(RectangleInsets.ZERO_INSETS);
    return t;
  }

  /**
   * Styles a chart built by {@link Charts}; call before setting series paints (the theme resets
   * what it styles). The subtitle says how the numbers were selected and over how many seeds.
   */
  static JFreeChart apply(JFreeChart chart, String subtitle) {
    THEME.apply(chart);
    chart.setAntiAlias(true);
    chart.setTextAntiAlias(true);
    chart.setPadding(new RectangleInsets(8, 8, 8, 16));
    if (subtitle != null && !subtitle.isEmpty()) {
      TextTitle sub = new TextTitle(subtitle, new Font(FONT, Font.PLAIN, 14), AXIS, RectangleEdge.TOP,
          org.jfree.chart.ui.HorizontalAlignment.CENTER, org.jfree.chart.ui.VerticalAlignment.TOP,
          new RectangleInsets(2, 0, 6, 0));
      chart.addSubtitle(0, sub);
    }
    LegendTitle legend = chart.getLegend();
    if (legend != null) {
      legend.setFrame(BlockBorder.NONE);
      legend.setItemFont(new Font(FONT, Font.PLAIN, 14));
      legend.setPosition(RectangleEdge.BOTTOM);
    }
    return chart;
  }

  /** The marker of series {@code i} in figures that tell tasks apart by shape (colour is the method). */
  static Shape taskShape(int i) {
    return switch (i % 5) {
      case 0 -> new Ellipse2D.Double(-5, -5, 10, 10);
      case 1 -> new Rectangle2D.Double(-4.5, -4.5, 9, 9);
      case 2 -> triangle(6);
      case 3 -> diamond(6.5);
      default -> new Rectangle2D.Double(-5.5, -2, 11, 4);
    };
  }

  static Shape point() {
    return new Ellipse2D.Double(-5.5, -5.5, 11, 11);
  }

  static Shape diamond(double r) {
    Path2D p = new Path2D.Double();
    p.moveTo(0, -r);
    p.lineTo(r, 0);
    p.lineTo(0, r);
    p.lineTo(-r, 0);
    p.closePath();
    return p;
  }

  private static Shape triangle(double r) {
    Path2D p = new Path2D.Double();
    p.moveTo(0, -r);
    p.lineTo(r, r * 0.8);
    p.lineTo(-r, r * 0.8);
    p.closePath();
    return p;
  }

  static LegendItem filled(String label, Shape shape, Paint paint) {
    return new LegendItem(label, null, null, null, shape, paint);
  }

  static LegendItem line(String label, Shape shape, Paint paint) {
    return new LegendItem(label, null, null, null, true, shape, true, paint, false, paint, LINE, true,
        new Line2D.Double(-9, 0, 9, 0), LINE, paint);
  }

  static LegendItem hollow(String label, Shape shape, Paint paint) {
    return new LegendItem(label, null, null, null, true, shape, false, Color.WHITE, true, paint, HOLLOW, false,
        new Line2D.Double(), HOLLOW, paint);
  }

  static LegendItem majority() {
    return new LegendItem("majority class", null, null, null, false, point(), false, MAJORITY, false, MAJORITY,
        DASHED, true, new Line2D.Double(-12, 0, 12, 0), DASHED, MAJORITY);
  }

  /**
   * The value range to show: everything drawn, padded, at least {@code minSpan} points tall, inside
   * [0, 100] give or take a marker (scores are points), never from 0 unless the data goes there.
   */
  static Range around(Collection<Double> values, double minSpan) {
    List<Double> finite = values.stream().filter(Objects::nonNull).filter(Double::isFinite).toList();
    if (finite.isEmpty()) {
      return new Range(0, 100);
    }
    double lo = finite.stream().mapToDouble(Double::doubleValue).min().getAsDouble();
    double hi = finite.stream().mapToDouble(Double::doubleValue).max().getAsDouble();
    double pad = Math.max((hi - lo) * 0.08, 1.0);
    lo -= pad;
    hi += pad;
    if (hi - lo < minSpan) {
      double mid = (hi + lo) / 2;
      lo = mid - minSpan / 2;
      hi = mid + minSpan / 2;
    }
    // A little room outside [0, 100] so that a marker at 100 is not cut in half by the plot's edge.
    double floor = -1.5;
    double ceiling = 101.5;
    if (lo < floor) {
      hi = Math.min(ceiling, hi + (floor - lo));
      lo = floor;
    }
    if (hi > ceiling) {
      lo = Math.max(floor, lo - (hi - ceiling));
      hi = ceiling;
    }
    return new Range(lo, hi);
  }

  /** "n = 3 seeds", or "n = 1–3 seeds" when cells differ. */
  static String seeds(Collection<Integer> counts) {
    SortedSet<Integer> n = new TreeSet<>(counts);
    if (n.isEmpty()) {
      return "no seeds";
    }
    String range = n.first().equals(n.last()) ? String.valueOf(n.first()) : n.first() + "–" + n.last();
    return "n = " + range + (n.last() == 1 ? " seed" : " seeds");
  }
}
