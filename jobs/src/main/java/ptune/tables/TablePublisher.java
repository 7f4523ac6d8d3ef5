package ptune.tables;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FileUtil;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import ptune.sweep.SweepLayout;

/**
 * Writes a sweep's report under its layout: tables/ (Markdown, LaTeX, and the long form as CSV and
 * Parquet, for each {@link Selection}; report.html with everything in one page), plots/ (PNG and
 * SVG), and, when a previous run's tables exist, moves them to history/&lt;timestamp&gt;/ and writes
 * tables/changes.md.
 */
public final class TablePublisher {

  static final String RESULTS = "results";
  static final String REPORT = "report.html";
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'");

  private final SparkSession spark;
  private final PrintStream console;

  public TablePublisher(SparkSession spark, PrintStream console) {
    this.spark = spark;
    this.console = console;
  }

  /** Returns the comparison with the previous run, or null when this is the first. */
  public RunComparison publish(List<TrialRecord> records, SweepLayout layout, double thresholdPoints) throws IOException {
    return publish(records, layout, thresholdPoints, "");
  }

  /** As {@link #publish(List, SweepLayout, double)}; the sweep's description heads tables/report.html. */
  public RunComparison publish(List<TrialRecord> records, SweepLayout layout, double thresholdPoints, String description)
      throws IOException {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    FileSystem fs = new Path(layout.root()).getFileSystem(conf);
    PublishedResults published = PublishedResults.load();
    List<ResultTable> tables = new ArrayList<>();
    for (Selection selection : Selection.values()) {
      tables.add(ResultTable.build(records, selection));
    }
    List<Row> rows = CellRows.of(tables, published);

    Path previous = archivePreviousTables(fs, conf, layout);
    List<Row> previousRows = previous == null ? null
        : spark.read().parquet(new Path(previous, RESULTS + ".parquet").toString()).collectAsList();

    for (ResultTable table : tables) {
      if (table.tasks().isEmpty()) {
        continue; // a test table when no task of the sweep has a labelled test split
      }
      write(fs, new Path(layout.tables(), table.selection().fileName + ".md"), TableRenderer.markdown(table, published));
      write(fs, new Path(layout.tables(), table.selection().fileName + ".tex"), TableRenderer.latex(table, published));
    }
    write(fs, new Path(layout.tables(), RESULTS + ".csv"), CellRows.csv(rows));
    spark.createDataFrame(rows, CellRows.SCHEMA).coalesce(1).write().mode(SaveMode.Overwrite)
        .parquet(layout.tables() + "/" + RESULTS + ".parquet");

    ResultTable devTable = tables.get(0);
    List<HtmlReport.DrawnFigure> figures = new ArrayList<>();
    for (Figure figure : SweepFigures.of(devTable, records, published)) {
      figures.add(writeFigure(fs, layout, figure));
    }
    console.println(TableRenderer.markdown(devTable, published));
    ResultTable testTable = tables.get(Selection.DEV_BEST_EPOCH_TEST.ordinal());
    if (!testTable.tasks().isEmpty()) {
      console.println(TableRenderer.markdown(testTable, published));
    }

    RunComparison comparison = null;
    if (previousRows != null) {
      comparison = RunComparison.between(previousRows, rows, thresholdPoints);
      String report = comparison.markdown(previous.getName(), thresholdPoints);
      write(fs, new Path(layout.tables(), "changes.md"), report);
      console.println(report);
    }
    HtmlReport html = new HtmlReport(new Path(layout.root()).getName(), description, layout, tables, published, records,
        figures, comparison == null ? null : new HtmlReport.Comparison(comparison, previous.getName(), thresholdPoints));
    write(fs, new Path(layout.tables(), REPORT), html.html());
    return comparison;
  }

  /** Copies the current tables/ to history/&lt;timestamp&gt;/; returns that directory or null if none. */
  private static Path archivePreviousTables(FileSystem fs, Configuration conf, SweepLayout layout) throws IOException {
    Path tables = new Path(layout.tables());
    if (!fs.exists(new Path(tables, RESULTS + ".parquet"))) {
      return null;
    }
    Path target = new Path(layout.history(), ZonedDateTime.now(ZoneOffset.UTC).format(STAMP));
    if (!FileUtil.copy(fs, tables, fs, target, false, conf)) {
      throw new IOException("cannot archive " + tables + " to " + target);
    }
    return target;
  }

  private static void write(FileSystem fs, Path file, String text) throws IOException {
    try (OutputStream out = fs.create(file, true)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
  }

  /** plots/NAME.png and plots/NAME.svg; returns the PNG for the report. */
  private static HtmlReport.DrawnFigure writeFigure(FileSystem fs, SweepLayout layout, Figure figure) throws IOException {
    byte[] png = figure.png();
    try (OutputStream out = fs.create(new Path(layout.plots(), figure.name() + ".png"), true)) {
      out.write(png);
    }
    write(fs, new Path(layout.plots(), figure.name() + ".svg"), figure.svg());
    return new HtmlReport.DrawnFigure(figure.name(), figure.caption(), figure.width(), png);
  }
}
