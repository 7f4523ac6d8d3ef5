package ptune.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.ipc.SeekableReadChannel;
import org.apache.arrow.vector.util.ByteArrayReadableSeekableByteChannel;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import ptune.cli.Ptune;
import ptune.command.ExitCode;
import ptune.dataset.DataDirectory;
import ptune.testing.TestSweeps;

/**
 * {@code ptune run} with raw inputs on HDFS and all results on HDFS (a MiniDFSCluster in this JVM):
 * features (Parquet + Arrow), trials, checkpoints, tables and plots are written through the
 * Hadoop FileSystem API, and unchanged inputs are not preprocessed twice.
 */
@Tag("slow")
class HdfsSweepTest {

  @TempDir Path tmp;

  @Test
  @Timeout(240)
  void inputsFromAndResultsToHdfs() throws Exception {
    Configuration conf = new Configuration();
    conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, Path.of("target", "minidfs-" + UUID.randomUUID()).toAbsolutePath().toString());
    MiniDFSCluster dfs = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
    try {
      dfs.waitActive();
      String hdfs = "hdfs://127.0.0.1:" + dfs.getNameNodePort();
      FileSystem fs = FileSystem.get(java.net.URI.create(hdfs), conf);
      for (String split : new String[] {"train", "val", "test"}) {
        fs.copyFromLocalFile(new org.apache.hadoop.fs.Path(
                DataDirectory.resolve().resolve("superglue/CB/" + split + ".jsonl").toString()),
            new org.apache.hadoop.fs.Path(hdfs + "/raw/superglue/CB/" + split + ".jsonl"));
      }
      String yaml = TestSweeps.pipeline("on-hdfs", "preprocess: {encoder: ptune.testing.WhitespaceFeatureEncoder, input: \""
              + hdfs + "/raw\"}")
          .replace("tasks: [cb, rte]", "tasks: [cb]")
          .replace("  - task: rte\n    method: pt\n    grid: {outcome: [ok, diverge]}\n", "").replace("seeds: [1, 2]", "seeds: [1]");
      Path config = TestSweeps.write(tmp, "hdfs.yaml", yaml);
      String out = hdfs + "/runs";
      assertEquals(ExitCode.TRIALS_FAILED, Ptune.run(new String[] {"run", config.toString(), "--out", out}),
          "CB's PT trials half fail by script");

      String root = out + "/on-hdfs";
      for (String file : new String[] {"trials/trials.parquet", "trials/trials.csv", "tables/selected-on-dev.md",
          "tables/results.csv", "plots/methods-per-task-tiny.png", "features/cb/tiny-len128/_FINGERPRINT"}) {
        assertTrue(fs.exists(new org.apache.hadoop.fs.Path(root + "/" + file)), file + " on HDFS");
      }
      assertTrue(fs.listStatus(new org.apache.hadoop.fs.Path(root + "/checkpoints")).length > 0, "checkpoints on HDFS");
      SparkSession spark = SparkSession.builder().master("local[2]").config("spark.ui.enabled", "false")
          .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1").getOrCreate();
      try {
        long trials = spark.read().parquet(root + "/trials/trials.parquet").count();
        assertTrue(trials > 0);
        assertEquals(trials, spark.read().option("header", "true").option("escape", "\"").option("multiLine", "true")
                .csv(root + "/trials/trials.csv").count());
        assertEquals(250 + 56 + 250, spark.read().parquet(root + "/features/cb/tiny-len128/parquet").count());
        // every trial, on the executors, read the Arrow shards from HDFS instead of the raw files
        List<Row> ran = spark.read().parquet(root + "/trials/trials.parquet")
            .where("status != 'FAILED'").select("features").collectAsList(); // FAILED: threw before
        assertTrue(ran.size() > 0);
        for (Row r : ran) {
          assertEquals("stored " + root + "/features/cb/tiny-len128/arrow (250 train, 56 dev)", r.getString(0));
        }
      } finally {
        spark.stop();
      }
      assertEquals(250 + 56 + 250, arrowRows(fs, root + "/features/cb/tiny-len128/arrow"));

      org.apache.hadoop.fs.Path fingerprint = new org.apache.hadoop.fs.Path(root + "/features/cb/tiny-len128/_FINGERPRINT");
      long builtAt = fs.getFileStatus(fingerprint).getModificationTime();
      assertEquals(0, Ptune.run(new String[] {"preprocess", config.toString(), "--out", out}));
      assertEquals(builtAt, fs.getFileStatus(fingerprint).getModificationTime(), "unchanged inputs: features reused");

      // A scheduled rerun on HDFS: every trial again into history/<run id>/, the first run kept; one seed per
      // cell, so nothing is testable and nothing regresses.
      assertEquals(ExitCode.TRIALS_FAILED, Ptune.run(new String[] {"run", config.toString(), "--out", out, "--rerun"}),
          "the rerun runs every trial again, the scripted CB PT failures too");
      FileStatus[] runs = fs.listStatus(new org.apache.hadoop.fs.Path(root + "/history"));
      assertEquals(2, runs.length, "the first run and the rerun");
      for (FileStatus run : runs) {
        assertTrue(fs.exists(new org.apache.hadoop.fs.Path(run.getPath(), "trials/trials.parquet")), run.getPath().toString());
        assertTrue(fs.exists(new org.apache.hadoop.fs.Path(run.getPath(), "tables/comparison.json")), run.getPath().toString());
      }
      org.apache.hadoop.fs.Path rerun = runs[0].getPath().getName().compareTo(runs[1].getPath().getName()) > 0
          ? runs[0].getPath() : runs[1].getPath();
      assertTrue(fs.listStatus(new org.apache.hadoop.fs.Path(rerun, "checkpoints")).length > 0, "the rerun's checkpoints");
      assertEquals(builtAt, fs.getFileStatus(fingerprint).getModificationTime(), "the rerun shares the features");
    } finally {
      dfs.shutdown();
    }
  }

  private static long arrowRows(FileSystem fs, String dir) throws Exception {
    long rows = 0;
    // arrow/<split>/part-*.arrow: one directory per split
    org.apache.hadoop.fs.RemoteIterator<org.apache.hadoop.fs.LocatedFileStatus> files =
        fs.listFiles(new org.apache.hadoop.fs.Path(dir), true);
    while (files.hasNext()) {
      FileStatus shard = files.next();
      if (!shard.getPath().getName().endsWith(".arrow")) {
        continue;
      }
      byte[] bytes;
      try (InputStream in = fs.open(shard.getPath())) {
        bytes = in.readAllBytes();
      }
      try (RootAllocator allocator = new RootAllocator();
          ArrowFileReader reader = new ArrowFileReader(
              new SeekableReadChannel(new ByteArrayReadableSeekableByteChannel(bytes)), allocator)) {
        while (reader.loadNextBatch()) {
          rows += reader.getVectorSchemaRoot().getRowCount();
        }
      }
    }
    return rows;
  }
}
