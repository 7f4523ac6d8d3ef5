package ptune.tables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import ptune.results.SweepLayout;
import ptune.results.TrialTable;

/**
 * Every published sweep's tables (docs/reproduction/NAME/tables: results.csv and the Markdown of each
 * selection) are what the current tables code makes of the sweep's committed trials. A change to how
 * a cell or a yardstick is computed then fails here until the published sweeps are re-tabled
 * ({@code conf/repro/run.sh NAME --retable}), so docs/reproduction.md never shows numbers that an
 * older version of the code made.
 */
class PublishedTablesTest {

  private static final Path RESULTS = Path.of("..", "docs", "reproduction");
  private static SparkSession spark;

  @BeforeAll
  static void startSpark() {
    spark = SparkSession.builder().master("local[1]").config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.sql.shuffle.partitions", "1").getOrCreate();
  }

  @AfterAll
  static void stopSpark() {
    spark.stop();
  }

  @Test
  void everyPublishedTableIsWhatTheCommittedTrialsMake() throws IOException {
    List<Path> sweeps;
    try (Stream<Path> dirs = Files.list(RESULTS)) {
      sweeps = dirs.filter(d -> Files.isDirectory(d.resolve("trials"))).sorted().toList();
    }
    assertFalse(sweeps.isEmpty(), "no published sweep under " + RESULTS);
    PublishedResults published = PublishedResults.load();
    for (Path sweep : sweeps) {
      List<TrialRecord> records = TrialRecord.collect(
          TrialTable.read(spark, List.of(SweepLayout.atRoot(sweep.toAbsolutePath().toString()))));
      List<ResultTable> tables = new ArrayList<>();
      for (Selection selection : Selection.values()) {
        tables.add(ResultTable.build(records, selection));
      }
      String name = sweep.getFileName().toString();
      String retable = " (re-table it: conf/repro/run.sh " + name + " --retable)";
      assertEquals(CellRows.csv(CellRows.of(tables, published)), Files.readString(sweep.resolve("tables/results.csv")),
          name + ": tables/results.csv is not what the trials make" + retable);
      for (ResultTable table : tables) {
        Path md = sweep.resolve("tables").resolve(table.selection().fileName + ".md");
        if (!table.tasks().isEmpty()) {
          assertEquals(TableRenderer.markdown(table, published), Files.readString(md),
              name + ": " + RESULTS.relativize(md) + " is not what the trials make" + retable);
        }
      }
    }
  }
}
