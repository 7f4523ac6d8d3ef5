package ptune.tables;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.not;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import ptune.results.TrialRow.Column;
import ptune.trial.TrialStatus;

/**
 * Training throughput per backbone x method x task: mean ± sample std of the trial rows'
 * {@code examples_per_second} over every trial that ran to its end (all grid points and seeds; failed trials
 * have none, timed-out ones are left out as in the tables), written as tables/throughput.csv and .parquet so that a later run can compare with it.
 * A sweep whose grid changes batch sizes between runs compares different mixes; same grid, same mix.
 */
public final class ThroughputCells {

  static final String NAME = "throughput";

  public static final StructType SCHEMA = new StructType()
      .add("backbone", DataTypes.StringType)
      .add("method", DataTypes.StringType)
      .add("task", DataTypes.StringType)
      .add("mean", DataTypes.DoubleType)
      .add("std", DataTypes.DoubleType)
      .add("trials", DataTypes.IntegerType);

  private ThroughputCells() {}

  /** From a trial table ({@link ptune.results.TrialTable}); rows follow {@link #SCHEMA}. */
  public static List<Row> of(Dataset<Row> trials) {
    List<Row> measured = trials
        .where(not(col(Column.STATUS.columnName()).isin(TrialStatus.FAILED.name(), TrialStatus.TIMED_OUT.name(), TrialStatus.STOPPED.name()))
            .and(col(Column.EXAMPLES_PER_SECOND.columnName()).isNotNull()))
        .collectAsList();
    Map<String, List<Double>> byCell = new TreeMap<>();
    Map<String, String[]> keys = new TreeMap<>();
    for (Row r : measured) {
      String[] cell = {Column.BACKBONE.of(r), Column.METHOD.of(r), Column.TASK.of(r)};
      String key = CellComparison.key(null, cell[0], cell[1], cell[2]);
      byCell.computeIfAbsent(key, k -> new ArrayList<>()).add(Column.EXAMPLES_PER_SECOND.of(r));
      keys.putIfAbsent(key, cell);
    }
    List<Row> rows = new ArrayList<>();
    byCell.forEach((key, values) -> {
      SeedStats s = SeedStats.of(values);
      String[] k = keys.get(key);
      rows.add(RowFactory.create(k[0], k[1], k[2], s.mean(), s.std(), s.n()));
    });
    return rows;
  }
}
