package ptune.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import ptune.cli.Ptune;
import ptune.command.ExitCode;
import ptune.dataset.DataDirectory;
import ptune.trial.PromptTuningTrialRunner;
import ptune.trial.TrialEnvironment;
import ptune.trial.TrialListener;
import ptune.trial.TrialResult;
import ptune.trial.TrialSpec;
import ptune.trial.TrialStatus;

/**
 * {@code ptune evaluate} and {@code ptune predict} with the checkpoint, the input and the outputs
 * on HDFS (a MiniDFSCluster in this JVM): a real tiny CB trial's checkpoint scores its own dev file
 * from HDFS with the trial's dev accuracy, and predictions written to HDFS read back with Spark.
 */
@Tag("slow")
class HdfsEvaluatePredictTest {

  @TempDir Path tmp;

  @Test
  @Timeout(300)
  void checkpointInputAndOutputsOnHdfs() throws Exception {
    Path data = tmp.resolve("data");
    Path cb = data.resolve("superglue/CB");
    Files.createDirectories(cb);
    Path shared = DataDirectory.resolve().resolve("superglue/CB");
    Files.write(cb.resolve("train.jsonl"), Files.readAllLines(shared.resolve("train.jsonl")).subList(0, 32));
    Files.write(cb.resolve("val.jsonl"), Files.readAllLines(shared.resolve("val.jsonl")).subList(0, 24));
    TrialResult trial = new PromptTuningTrialRunner().run(
        TrialSpec.of("hdfs", "minilm-l6", "pt2", "cb", 5, Map.of("epochs", 1, "batch_size", 4,
            "max_len", 64, "prefix_len", 4, "lr", 0.03, "dropout", 0, "max_train_examples", 32,
            "max_dev_examples", 24)),
        new TrialEnvironment("cpu", data, tmp.resolve("checkpoint"), TrialListener.NONE));
    assertEquals(TrialStatus.COMPLETED, trial.status(), trial.error());

    Configuration conf = new Configuration();
    conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR,
        Path.of("target", "minidfs-" + UUID.randomUUID()).toAbsolutePath().toString());
    MiniDFSCluster dfs = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
    try {
      dfs.waitActive();
      String hdfs = "hdfs://127.0.0.1:" + dfs.getNameNodePort();
      FileSystem fs = FileSystem.get(java.net.URI.create(hdfs), conf);
      fs.copyFromLocalFile(new org.apache.hadoop.fs.Path(trial.checkpointPath()),
          new org.apache.hadoop.fs.Path(hdfs + "/ckpt"));
      fs.copyFromLocalFile(new org.apache.hadoop.fs.Path(cb.resolve("val.jsonl").toString()),
          new org.apache.hadoop.fs.Path(hdfs + "/in/val.jsonl"));

      assertEquals(ExitCode.OK, Ptune.run(new String[] {"evaluate", hdfs + "/ckpt", "--file",
          hdfs + "/in/val.jsonl", "--output", hdfs + "/out/eval.json"}));
      JsonNode metrics;
      try (InputStream in = fs.open(new org.apache.hadoop.fs.Path(hdfs + "/out/eval.json"))) {
        metrics = new ObjectMapper().readTree(in).get("metrics");
      }
      assertEquals(trial.bestDevMetrics().get("accuracy"), metrics.get("accuracy").asDouble(), 0.0);

      assertEquals(ExitCode.OK, Ptune.run(new String[] {"predict", hdfs + "/ckpt", "--input",
          hdfs + "/in/val.jsonl", "--output", hdfs + "/out/predictions"}));
      SparkSession spark = SparkSession.builder().getOrCreate();
      assertEquals(24, spark.read().parquet(hdfs + "/out/predictions/parquet").count());
      List<String> labels = spark.read().json(hdfs + "/out/predictions/jsonl")
          .select("label").distinct().as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
      assertTrue(List.of("entailment", "contradiction", "neutral").containsAll(labels), labels.toString());

      assertEquals(ExitCode.USAGE, Ptune.run(new String[] {"evaluate", hdfs + "/no-such-ckpt",
          "--file", hdfs + "/in/val.jsonl"}));
    } finally {
      dfs.shutdown();
    }
  }
}
