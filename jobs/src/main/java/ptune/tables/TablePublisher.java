package ptune.tables;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FileUtil;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import ptune.results.SweepLayout;
import ptune.sweep.RunHistory;
import ptune.sweep.SweepConfig;

/**
 * Writes a sweep's report under its layout: tables/ (Markdown, LaTeX, and the long form as CSV and
 * Parquet, for each {@link Selection}; throughput per cell; comparison.md and comparison.json;
 * report.html with everything in one page) and plots/ (PNG and SVG). The same tables and plots are
 * kept as the run's in {@code history/<run id>/}, and the run is compared with the previous run
 * there and with a pinned baseline ({@link RunComparisons}).
 */
public final class TablePublisher {

  static final String RESULTS = "results";
  public static final String REPORT = "report.html";
  static final String COMPARISON = "comparison";

  private final SparkSession spark;
  private final PrintStream console;

  public TablePublisher(SparkSession spark, PrintStream console) {
    this.spark = spark;
    this.console = console;
  }

  /**
   * What to publish.
   *
   * @param throughput {@link ThroughputCells} rows of these trials
   * @param layout the sweep's layout (not a run's)
   * @param runId the run these trials are ({@link RunHistory.Run#id()})
   * @param baseline a run id or directory ({@link RunHistory#baselineTables}), or null
   */
  public record Publication(List<TrialRecord> records, List<Row> throughput, SweepLayout layout, String runId,
      RegressionRule rule, String description, String baseline) {}

  /** As {@link #publish(Publication)}, as a new run without throughput or baseline. */
  public RunComparisons publish(List<TrialRecord> records, SweepLayout layout, double thresholdPoints) throws IOException {
    return publish(records, layout, thresholdPoints, "");
  }

  /** As {@link #publish(Publication)}, as a new run without throughput or baseline. */
  public RunComparisons publish(List<TrialRecord> records, SweepLayout layout, double thresholdPoints, String description)
      throws IOException {
    return publish(new Publication(records, List.of(), layout, RunHistory.ID.format(Instant.now()),
        new RegressionRule(thresholdPoints, SweepConfig.DEFAULT_THROUGHPUT_REGRESSION_PERCENT,
            SweepConfig.DEFAULT_REGRESSION_ALPHA),
        description, null));
  }

  /** Writes everything; returns the comparisons with the previous run and the baseline. */
  public RunComparisons publish(Publication p) throws IOException {
    SweepLayout layout = p.layout().sweep();
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    FileSystem fs = new Path(layout.root()).getFileSystem(conf);
    RunHistory history = new RunHistory(layout);
    String baselineTables = p.baseline() == null ? null : history.baselineTables(p.baseline());
    PublishedResults published = PublishedResults.load();
    List<ResultTable> tables = new ArrayList<>();
    for (Selection selection : Selection.values()) {
      tables.add(ResultTable.build(p.records(), selection));
    }
    List<Row> rows = named(CellRows.of(tables, published), CellRows.SCHEMA);
    List<Row> throughput = named(p.throughput(), ThroughputCells.SCHEMA);

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
    write(fs, new Path(layout.tables(), ThroughputCells.NAME + ".csv"), CellRows.csv(throughput));
    spark.createDataFrame(throughput, ThroughputCells.SCHEMA).coalesce(1).write().mode(SaveMode.Overwrite)
        .parquet(layout.tables() + "/" + ThroughputCells.NAME + ".parquet");

    String previous = history.previous(p.runId());
    RunComparison againstPrevious = previous == null ? null
        : compare(fs, p, previous, history.tables(previous), rows, throughput);
    RunComparison againstBaseline = baselineTables == null ? null
        : compare(fs, p, p.baseline(), baselineTables, rows, throughput);
    RunComparisons comparisons = new RunComparisons(p.runId(), p.rule(), againstPrevious, againstBaseline);
    write(fs, new Path(layout.tables(), COMPARISON + ".md"), comparisons.markdown());
    write(fs, new Path(layout.tables(), COMPARISON + ".json"), comparisons.json());
    fs.delete(new Path(layout.tables(), "changes.md"), false); // what comparison.md replaced

    ResultTable devTable = tables.get(0);
    List<HtmlReport.DrawnFigure> figures = new ArrayList<>();
    for (Figure figure : SweepFigures.of(devTable, p.records(), published)) {
      figures.add(writeFigure(fs, layout, figure));
    }
    Map<String, List<Row>> runs = runRows(history, p.runId(), rows);
    MethodPalette palette = MethodPalette.of(runs.values().stream().flatMap(List::stream)
        .map(r -> r.<String>getAs("method")).toList());
    HtmlReport.DrawnFigure historyFigure = writeFigure(fs, layout, HistoryChart.of(runs, palette));
    console.println(TableRenderer.markdown(devTable, published));
    ResultTable testTable = tables.get(Selection.DEV_BEST_EPOCH_TEST.ordinal());
    if (!testTable.tasks().isEmpty()) {
      console.println(TableRenderer.markdown(testTable, published));
    }
    console.println(comparisons.markdown());

    HtmlReport html = new HtmlReport(new Path(layout.root()).getName(), p.description(), layout, tables, published,
        p.records(), figures, new HtmlReport.Comparison(comparisons, historyFigure));
    write(fs, new Path(layout.tables(), REPORT), html.html());
    keepAsRun(fs, conf, layout, p.runId());
    return comparisons;
  }

  private RunComparison compare(FileSystem fs, Publication p, String against, String tablesDir, List<Row> rows,
      List<Row> throughput) throws IOException {
    List<Row> earlierThroughput = fs.exists(new Path(tablesDir, ThroughputCells.NAME + ".parquet"))
        ? read(tablesDir, ThroughputCells.NAME) : null;
    return RunComparison.between(p.runId(), against, p.rule(), read(tablesDir, RESULTS), rows, earlierThroughput,
        throughput);
  }

  /** Each run's results for the history figure: the earlier runs' from history/, this one's as just built. */
  private Map<String, List<Row>> runRows(RunHistory history, String runId, List<Row> rows) {
    Map<String, List<Row>> runs = new LinkedHashMap<>();
    for (String id : history.runsWithTables()) {
      if (id.compareTo(runId) < 0) {
        runs.put(id, read(history.tables(id), RESULTS));
      }
    }
    runs.put(runId, rows);
    return runs;
  }

  private List<Row> read(String tablesDir, String name) {
    return spark.read().parquet(tablesDir + "/" + name + ".parquet").collectAsList();
  }

  /** Rows that carry their schema, so that everything reads them by column name. */
  private List<Row> named(List<Row> rows, StructType schema) {
    return spark.createDataFrame(rows, schema).collectAsList();
  }

  /** Copies tables/ and plots/ to history/&lt;run id&gt;/, replacing what an earlier aggregation of the run left. */
  private static void keepAsRun(FileSystem fs, Configuration conf, SweepLayout layout, String runId) throws IOException {
    SweepLayout run = layout.run(runId);
    for (String[] dirs : List.of(new String[] {layout.tables(), run.tables()}, new String[] {layout.plots(), run.plots()})) {
      Path target = new Path(dirs[1]);
      fs.delete(target, true);
      if (!FileUtil.copy(fs, new Path(dirs[0]), fs, target, false, conf)) {
        throw new IOException("cannot copy " + dirs[0] + " to " + target);
      }
    }
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
