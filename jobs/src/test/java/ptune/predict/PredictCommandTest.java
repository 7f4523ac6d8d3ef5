package ptune.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ptune.dataset.Example;
import ptune.dataset.SentencePairExample;
import ptune.dataset.Task;
import ptune.tasks.TaskRegistry;

/**
 * {@code ptune predict} on the dev file of a real tiny trial, as a Spark job over two partitions:
 * the Parquet and JSON Lines it writes, read back with Spark SQL, hold one prediction per input
 * id, labels of the task, probabilities summing to 1 whose argmax is the label, and the trial's own
 * dev accuracy against the gold labels.
 */
class PredictCommandTest {

  @Test
  void predictionsReadBackWithSparkSql(@TempDir Path tmp) throws Exception {
    TinyTrial trial = TinyTrial.get();
    Path input = trial.file("superglue/CB/val.jsonl");
    Path out = tmp.resolve("predictions");
    TinyTrial.Run run = TinyTrial.ptune("predict", trial.checkpoint.toString(), "--input",
        input.toString(), "--output", out.toString(), "--partitions", "2");
    assertEquals(0, run.exitCode(), run.err());

    SparkSession spark = SparkSession.builder().getOrCreate();
    spark.read().parquet(out.resolve("parquet").toString()).createOrReplaceTempView("p");
    Task cb = TaskRegistry.get("cb");
    List<Example> gold = cb.load(ptune.dataset.Split.DEV, trial.dataDir).examples();

    assertEquals(gold.size(), spark.sql("SELECT count(*) FROM p").first().getLong(0));
    Set<String> ids = new HashSet<>(spark.sql("SELECT id FROM p").as(
        org.apache.spark.sql.Encoders.STRING()).collectAsList());
    assertEquals(gold.stream().map(Example::id).collect(java.util.stream.Collectors.toSet()), ids);
    for (Row r : spark.sql("SELECT DISTINCT label FROM p").collectAsList()) {
      assertTrue(cb.labels().contains(r.getString(0)), r.getString(0));
    }
    Row sums = spark.sql("SELECT max(abs(aggregate(map_values(probabilities), 0D, (a, b) -> a + b)"
        + " - 1)), min(size(probabilities)), max(size(probabilities)) FROM p").first();
    assertTrue(sums.getDouble(0) < 1e-9, "probabilities sum to 1 within " + sums.getDouble(0));
    assertEquals(cb.labels().size(), sums.getInt(1));
    assertEquals(cb.labels().size(), sums.getInt(2));
    long notArgmax = spark.sql("SELECT count(*) FROM p WHERE probabilities[label] < "
        + "array_max(map_values(probabilities))").first().getLong(0);
    assertEquals(0, notArgmax);

    List<Row> goldRows = new ArrayList<>();
    for (Example e : gold) {
      goldRows.add(org.apache.spark.sql.RowFactory.create(e.id(),
          cb.labels().name(((SentencePairExample) e).label().index())));
    }
    spark.createDataFrame(goldRows, new org.apache.spark.sql.types.StructType()
        .add("id", "string").add("gold", "string")).createOrReplaceTempView("g");
    double accuracy = spark.sql("SELECT avg(CASE WHEN p.label = g.gold THEN 1D ELSE 0D END)"
        + " FROM p JOIN g ON p.id = g.id").first().getDouble(0);
    assertEquals(trial.result.bestDevMetrics().get("accuracy"), accuracy, 1e-9);

    spark.read().json(out.resolve("jsonl").toString()).createOrReplaceTempView("j");
    assertEquals(0, spark.sql("SELECT count(*) FROM (SELECT id, label FROM j EXCEPT"
        + " SELECT id, label FROM p)").first().getLong(0));
    assertEquals(gold.size(), spark.sql("SELECT count(*) FROM j").first().getLong(0));

    TinyTrial.Run again = TinyTrial.ptune("predict", trial.checkpoint.toString(), "--input",
        input.toString(), "--output", out.toString());
    assertEquals(2, again.exitCode(), again.err());
    assertTrue(again.err().contains("exists"), again.err());
  }

  @Test
  void malformedInputFailsBeforeAnyPrediction(@TempDir Path tmp) throws Exception {
    TinyTrial trial = TinyTrial.get();
    List<String> lines = new ArrayList<>(Files.readAllLines(trial.file("superglue/CB/val.jsonl")));
    lines.set(4, "{\"premise\": \"cut off");
    Path bad = tmp.resolve("bad.jsonl");
    Files.write(bad, lines);
    Path out = tmp.resolve("predictions");
    TinyTrial.Run run = TinyTrial.ptune("predict", trial.checkpoint.toString(), "--input",
        bad.toString(), "--output", out.toString());
    assertEquals(2, run.exitCode(), run.err());
    assertTrue(run.err().contains("bad.jsonl") && run.err().contains("line 5"), run.err());
    assertTrue(Files.notExists(out.resolve("parquet")), "nothing written for a bad input");

    TinyTrial.Run missing = TinyTrial.ptune("predict", trial.checkpoint.toString(), "--input",
        tmp.resolve("none.jsonl").toString(), "--output", out.toString());
    assertEquals(2, missing.exitCode(), missing.err());
    assertTrue(missing.err().contains("none.jsonl"), missing.err());
  }
}
