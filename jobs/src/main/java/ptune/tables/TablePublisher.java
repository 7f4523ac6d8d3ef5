package ptune.tables;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
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
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import ptune.sweep.SweepLayout;

/**
 * Writes a sweep's report under its layout: tables/ (Markdown, LaTeX, and the long form as CSV and
 * Parquet, for each {@link Selection}), plots/ (PNG), and, when a previous run's tables exist, moves
 * them to history/&lt;timestamp&gt;/ and writes tables/changes.md.
 */
public final class TablePublisher {

  static final String RESULTS = "results";
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'");

  private final SparkSession spark;
  private final PrintStream console;

  public TablePublisher(SparkSession spark, PrintStream console) {
    this.spark = spark;
    this.console = console;
  }

  /** Returns the comparison with the previous run, or null when this is the first. */
  public RunComparison publish(List<TrialRecord> records, SweepLayout layout, double thresholdPoints) throws IOException {
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
    for (String backbone : devTable.backbones()) {
      png(fs, new Path(layout.plots(), "methods-per-task-" + backbone + ".png"), Charts.methodsPerTask(devTable, backbone));
      png(fs, new Path(layout.plots(), "dev-vs-prompt-length-" + backbone + ".png"),
          Charts.devScoreByPromptLength(records, backbone));
    }
    console.println(TableRenderer.markdown(devTable, published));
    ResultTable testTable = tables.get(Selection.DEV_BEST_EPOCH_TEST.ordinal());
    if (!testTable.tasks().isEmpty()) {
      console.println(TableRenderer.markdown(testTable, published));
    }

    if (previousRows == null) {
      return null;
    }
    RunComparison comparison = RunComparison.between(previousRows, rows, thresholdPoints);
    String report = comparison.markdown(previous.getName(), thresholdPoints);
    write(fs, new Path(layout.tables(), "changes.md"), report);
    console.println(report);
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

  private static void png(FileSystem fs, Path file, JFreeChart chart) {
    try (OutputStream out = fs.create(file, true)) {
      ChartUtils.writeChartAsPNG(out, chart, 900, 500);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
