package ptune.tables;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The tables in long form, one row per selection x backbone x method x task, for CSV and Parquet:
 * what a notebook or the next run's comparison reads. Scores in points.
 */
public final class CellRows {

  public static final StructType SCHEMA = new StructType()
      .add("selection", DataTypes.StringType)
      .add("backbone", DataTypes.StringType)
      .add("method", DataTypes.StringType)
      .add("task", DataTypes.StringType)
      .add("metric", DataTypes.StringType)
      .add("mean", DataTypes.DoubleType)
      .add("std", DataTypes.DoubleType)
      .add("seeds", DataTypes.IntegerType)
      .add("grid_point", DataTypes.StringType)
      .add("test_mean", DataTypes.DoubleType)
      .add("majority", DataTypes.DoubleType)
      .add("dev_size", DataTypes.IntegerType)
      .add("points_per_example", DataTypes.DoubleType)
      .add("published", DataTypes.DoubleType)
      .add("published_source", DataTypes.StringType)
      .add("published_verified", DataTypes.BooleanType);

  private CellRows() {}

  public static List<Row> of(List<ResultTable> tables, PublishedResults published) {
    List<Row> rows = new ArrayList<>();
    for (ResultTable t : tables) {
      for (Cell c : t.cells().values()) {
        TaskInfo info = t.taskInfo().get(c.task());
        List<PublishedResults.Score> paper = published.find(c.backbone(), c.method(), c.task());
        PublishedResults.Score p = paper.isEmpty() ? null : paper.get(0);
        rows.add(RowFactory.create(t.selection().fileName, c.backbone(), c.method(), c.task(), c.metric(),
            c.mean(), c.std(), c.seeds(), c.gridPoint(), c.testMean(),
            info == null ? null : info.majority(), info == null ? null : info.devSize(),
            info == null ? null : info.pointsPerExample(),
            p == null ? null : p.score(), p == null ? null : p.source(), p == null ? null : p.verified()));
      }
    }
    return rows;
  }

  public static String csv(List<Row> rows) {
    StringBuilder out = new StringBuilder(String.join(",", SCHEMA.fieldNames())).append('\n');
    for (Row r : rows) {
      List<String> fields = new ArrayList<>();
      for (int i = 0; i < r.size(); i++) {
        Object v = r.get(i);
        fields.add(v == null ? "" : v instanceof Double d ? String.format(Locale.ROOT, "%.4f", d) : quote(v.toString()));
      }
      out.append(fields.stream().collect(Collectors.joining(","))).append('\n');
    }
    return out.toString();
  }

  private static String quote(String s) {
    return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
  }
}
