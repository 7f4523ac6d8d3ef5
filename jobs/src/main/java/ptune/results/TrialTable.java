package ptune.results;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.regexp_replace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.ArrayType;

/**
 * The consolidated results of a sweep: all part files as one table, written as
 * {@code trials/trials.parquet} and {@code trials/trials.csv} (header, one row per trial,
 * hyperparameters as columns, arrays joined with ';'). Reading consolidates first, so the tables
 * always include trials finished since the last consolidation.
 */
public final class TrialTable {

  public static final String PARQUET = "trials.parquet";
  public static final String CSV = "trials.csv";

  private TrialTable() {}

  /**
   * Rewrites trials.parquet and trials.csv from the part files; returns the table. Only whole,
   * checked parts are read ({@link TrialResultStore#scan()}); with any part damaged nothing is
   * rewritten, so the previous tables stay as they were.
   *
   * @throws DamagedResultsException naming the damaged parts
   */
  public static Dataset<Row> consolidate(SparkSession spark, SweepLayout layout) {
    TrialResultStore.PartScan scan = new TrialResultStore(layout).scan();
    if (!scan.damaged().isEmpty()) {
      throw new DamagedResultsException(scan.damagedParts());
    }
    Dataset<Row> raw = spark.read().json(spark.createDataset(new ArrayList<>(scan.rows().values()), Encoders.STRING()));
    Dataset<Row> rows = withFixedTypes(raw).orderBy(TrialRow.Column.BACKBONE.columnName(),
        TrialRow.Column.METHOD.columnName(), TrialRow.Column.TASK.columnName(), TrialRow.Column.TRIAL_ID.columnName());
    writeSingleFile(rows, "parquet", layout.trials(), PARQUET);
    // One line per trial for line-based tools: arrays joined with ';', the error's stack trace on one line
    // (trials.parquet keeps it whole).
    Column[] flat =
        Arrays.stream(rows.schema().fields())
            .map(f -> f.dataType() instanceof ArrayType
                ? concat_ws(";", col(f.name()).cast("array<string>")).as(f.name())
                : f.name().equals(TrialRow.Column.ERROR.columnName()) ? regexp_replace(col(f.name()), "\\s*\\R\\s*", " | ").as(f.name())
                : col(f.name()))
            .toArray(Column[]::new);
    writeSingleFile(rows.select(flat), "csv", layout.trials(), CSV);
    return spark.read().parquet(layout.trials() + "/" + PARQUET);
  }

  /** The trials of one or more sweep output directories ({@code DIR/<sweep name>}), as one table. */
  public static Dataset<Row> read(SparkSession spark, List<SweepLayout> layouts) {
    Dataset<Row> all = null;
    for (SweepLayout layout : layouts) {
      Dataset<Row> one;
      if (new TrialResultStore(layout).hasParts()) {
        one = consolidate(spark, layout);
      } else if (exists(spark, layout.trials() + "/" + PARQUET)) {
        one = spark.read().parquet(layout.trials() + "/" + PARQUET); // results copied without their parts
      } else {
        throw new IllegalArgumentException("no trial results under " + layout.trials() + " (run the sweep first)");
      }
      all = all == null ? one : all.unionByName(one, true);
    }
    return all;
  }

  private static boolean exists(SparkSession spark, String path) {
    try {
      Path p = new Path(path);
      return p.getFileSystem(spark.sparkContext().hadoopConfiguration()).exists(p);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot check " + path, e);
    }
  }

  /** Names of the hyperparameter columns of a trial table. */
  public static List<String> hyperparameterColumns(Dataset<Row> trials) {
    List<String> names = new ArrayList<>();
    for (String name : trials.columns()) {
      if (!TrialRow.RESERVED.contains(name)) {
        names.add(name);
      }
    }
    return names;
  }

  /**
   * JSON inference cannot know the type of a column that is null in every part (no trial had a
   * test set, say), so the fixed columns get their declared types; hyperparameters keep theirs.
   */
  private static Dataset<Row> withFixedTypes(Dataset<Row> raw) {
    Set<String> present = new TreeSet<>(Arrays.asList(raw.columns()));
    List<Column> columns = new ArrayList<>();
    for (TrialRow.Column c : TrialRow.ID_COLUMNS) {
      columns.add(typed(c, present));
    }
    for (String name : present) {
      if (!TrialRow.RESERVED.contains(name) && !name.startsWith("_corrupt")) {
        columns.add(col(name));
      }
    }
    for (TrialRow.Column c : TrialRow.RESULT_COLUMNS) {
      columns.add(typed(c, present));
    }
    return raw.select(columns.toArray(Column[]::new));
  }

  private static Column typed(TrialRow.Column c, Set<String> present) {
    Column value = present.contains(c.columnName()) ? col(c.columnName()) : lit(null);
    return value.cast(c.type()).as(c.columnName());
  }

  /**
   * Spark writes a directory of parts; one small table is friendlier as one file. The file is
   * complete before it replaces the old one in a single rename, so a reader (or a crash) sees the
   * old table or the new one, never half of one.
   */
  private static void writeSingleFile(Dataset<Row> rows, String format, String dir, String fileName) {
    Path staging = new Path(dir, "_staging-" + fileName);
    Path target = new Path(dir, fileName);
    Configuration conf = rows.sparkSession().sparkContext().hadoopConfiguration();
    try {
      // RFC 4180 quoting ("" inside quotes) rather than Spark's default backslash, so any CSV reader agrees.
      rows.coalesce(1).write().mode(SaveMode.Overwrite).format(format).option("header", "true").option("escape", "\"")
          .save(staging.toString());
      FileSystem fs = staging.getFileSystem(conf);
      FileStatus[] parts = fs.listStatus(staging, p -> p.getName().startsWith("part-"));
      if (parts.length != 1) {
        throw new IOException("expected one part file in " + staging + ", found " + parts.length);
      }
      FileContext.getFileContext(target.toUri(), conf).rename(parts[0].getPath(), target, Options.Rename.OVERWRITE);
      fs.delete(staging, true);
    } catch (IOException | RuntimeException e) {
      throw new ResultWriteException("cannot write " + target,
          e instanceof IOException io ? io : new IOException(e.getMessage(), e));
    }
  }
}
