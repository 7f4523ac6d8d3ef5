package ptune.tables;

import java.awt.Rectangle;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.svg.SVGGraphics2D;

/**
 * One figure of a sweep: the chart, its file name (without extension), a caption for the report and
 * its size in CSS pixels. PNG is drawn at twice that size, so that it stays sharp on a
 * high-density screen or a printed page; SVG is the same drawing as vectors.
 */
public record Figure(String name, String caption, JFreeChart chart, int width, int height) {

  static final int PNG_SCALE = 2;

  public byte[] png() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ChartUtils.writeScaledChartAsPNG(out, chart, width, height, PNG_SCALE, PNG_SCALE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot draw " + name + ".png", e);
    }
    return out.toByteArray();
  }

  public String svg() {
    SVGGraphics2D g = new SVGGraphics2D(width, height);
    // Unique ids per figure, in case several SVGs end up in one page.
    g.setDefsKeyPrefix(name.replaceAll("[^A-Za-z0-9]", "") + "-");
    chart.draw(g, new Rectangle(0, 0, width, height));
    return g.getSVGDocument();
  }

  /** A file name part made from a backbone name, which may be a directory path. */
  static String fileNamePart(String s) {
    return s.replaceAll("[^A-Za-z0-9._-]", "_");
  }
}
