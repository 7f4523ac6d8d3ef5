package ptune.predict;

import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import ptune.checkpoint.PromptCheckpoint;
import ptune.dataset.Task;
import ptune.tasks.TaskDefinition;
import ptune.tasks.TaskRegistry;
import ptune.trial.CheckpointModel;
import ptune.trial.TrialCheckpoint;

/**
 * Applies a prompt checkpoint to an input file as a Spark job: the input is parsed and checked,
 * the executors score it ({@link PredictionTransformer}, one model per executor), and the
 * predictions land in {@code <output>/parquet} and {@code <output>/jsonl} (JSON Lines part files).
 * All paths may be any Hadoop path.
 */
public final class Predictor {

  /**
   * @param task the task whose format the input has; null for the checkpoint's
   * @param backbone null for the backbone the checkpoint records
   * @param partitions at least this many input partitions (executors score them in parallel)
   */
  public record Request(String checkpoint, String input, String output, String task,
      String backbone, int partitions) {}

  private Predictor() {}

  /** @return the number of predictions written */
  public static long run(SparkSession spark, Request request) throws IOException {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    PromptCheckpoint checkpoint = CheckpointSource.load(request.checkpoint(), conf);
    TaskDefinition trained = TrialCheckpoint.specOf(checkpoint).definitionOfTask();
    TaskDefinition input = request.task() == null ? trained : TaskRegistry.definition(request.task());
    Task checkpointTask = trained.task(); // a checkpoint's task has its labels: no files read
    Task task = input.task();
    PredictionTransformer.requireSupported(checkpointTask);
    if (task.kind() != checkpointTask.kind()) {
      throw new IllegalArgumentException("task " + task.name() + " is " + task.kind()
          + ", the checkpoint's task " + checkpointTask.name() + " is " + checkpointTask.kind());
    }
    // The backbone is checked here, on the driver, rather than on the first executor.
    CheckpointModel.open(checkpoint, request.backbone(), "cpu").close();
    Path inputFile = new Path(request.input());
    if (!inputFile.getFileSystem(conf).exists(inputFile)) {
      throw new IllegalArgumentException("input file " + request.input() + " does not exist");
    }
    Path parquet = new Path(request.output(), "parquet");
    Path jsonl = new Path(request.output(), "jsonl");
    FileSystem outFs = parquet.getFileSystem(conf);
    for (Path p : new Path[] {parquet, jsonl}) {
      if (outFs.exists(p)) {
        throw new IllegalArgumentException(p + " exists: predict does not overwrite earlier"
            + " predictions; choose another --output");
      }
    }
    Dataset<Row> examples = PredictionInput.read(spark, input, request.input(),
        Math.max(1, request.partitions()));
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    spark.sparkContext().setJobDescription("predict " + request.input());
    new PredictionTransformer(jsc.broadcast(new CheckpointPayload(checkpoint)),
        trained, request.backbone()).transform(examples)
        .write().parquet(parquet.toString());
    // JSON Lines from the Parquet just written: the model runs once.
    Dataset<Row> written = spark.read().parquet(parquet.toString());
    written.write().json(jsonl.toString());
    return written.count();
  }
}
