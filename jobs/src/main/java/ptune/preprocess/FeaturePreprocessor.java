package ptune.preprocess;

import static org.apache.spark.sql.functions.input_file_name;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.TaskContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import ptune.sweep.GridExpander;
import ptune.sweep.SweepConfig;
import ptune.sweep.SweepLayout;
import ptune.trial.TrialSpec;

/**
 * Tokenizes a sweep's raw datasets on the executors, once per (task, backbone tokenizer, max
 * length): Parquet (partitioned by split) and Arrow IPC shards under
 * {@code features/<task>/<backbone>-len<max_len>/}. A {@code _FINGERPRINT} of the input files
 * (name, size, modification time) and the encoder's own fingerprint makes a rerun with unchanged
 * inputs reuse the features.
 */
public final class FeaturePreprocessor {

  private static final String FINGERPRINT = "_FINGERPRINT";

  /** One feature set and whether this run built it. */
  public record FeatureSet(String task, String backbone, int maxLength, String dir, boolean built, long rows) {}

  private final SparkSession spark;
  private final PrintStream console;

  public FeaturePreprocessor(SparkSession spark, PrintStream console) {
    this.spark = spark;
    this.console = console;
  }

  public List<FeatureSet> run(SweepConfig config, SweepLayout layout, FeatureEncoder encoder, boolean force) {
    String input = config.preprocess().input() != null ? config.preprocess().input() : config.dataDir();
    Set<String> done = new LinkedHashSet<>();
    List<FeatureSet> sets = new ArrayList<>();
    for (TrialSpec spec : GridExpander.expand(config)) {
      int maxLength = spec.getInt("max_len", 128);
      if (done.add(spec.task() + "|" + spec.backbone() + "|" + maxLength)) {
        sets.add(build(input, layout, encoder, spec.backbone(), spec.task(), maxLength, force));
      }
    }
    return sets;
  }

  private FeatureSet build(String input, SweepLayout layout, FeatureEncoder encoder, String backbone, String task,
      int maxLength, boolean force) {
    try {
      Configuration conf = spark.sparkContext().hadoopConfiguration();
      Path inputDir = new Path(input, TaskFiles.directory(task));
      FileSystem inFs = inputDir.getFileSystem(conf);
      FileStatus[] files = inFs.listStatus(inputDir, p -> p.getName().endsWith(".jsonl"));
      Arrays.sort(files, Comparator.comparing(f -> f.getPath().getName()));
      String fingerprint = fingerprint(encoder.fingerprint(backbone, maxLength), files);
      Path out = new Path(layout.features() + "/" + task + "/" + backbone + "-len" + maxLength);
      FileSystem outFs = out.getFileSystem(conf);
      if (!force && fingerprint.equals(read(outFs, new Path(out, FINGERPRINT)))) {
        console.printf("preprocess %s %s len %d: inputs unchanged, reusing %s%n", task, backbone, maxLength, out);
        return new FeatureSet(task, backbone, maxLength, out.toString(), false, -1);
      }
      outFs.delete(out, true);
      String[] paths = Arrays.stream(files).map(f -> f.getPath().toString()).toArray(String[]::new);
      spark.sparkContext().setJobDescription("preprocess " + task + " " + backbone + " len " + maxLength);
      Dataset<Row> lines = spark.read().text(paths).withColumn("file", input_file_name());
      Dataset<Row> features = new FeatureTransformer(encoder, backbone, maxLength, task)
          .transform(lines).persist(StorageLevel.MEMORY_AND_DISK());
      features.write().mode(SaveMode.Overwrite).partitionBy("split").parquet(new Path(out, "parquet").toString());
      String arrowDir = new Path(out, "arrow").toString();
      features.toJavaRDD().foreachPartition(rows -> writeShard(rows, arrowDir));
      long rows = features.count();
      features.unpersist();
      try (OutputStream o = outFs.create(new Path(out, FINGERPRINT), true)) {
        o.write(fingerprint.getBytes(StandardCharsets.UTF_8));
      }
      console.printf("preprocess %s %s len %d: %d examples -> %s%n", task, backbone, maxLength, rows, out);
      return new FeatureSet(task, backbone, maxLength, out.toString(), true, rows);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot preprocess " + task + " for " + backbone, e);
    }
  }

  private static void writeShard(Iterator<Row> rows, String dir) throws IOException {
    if (!rows.hasNext()) {
      return;
    }
    Path shard = new Path(dir, String.format("part-%05d.arrow", TaskContext.getPartitionId()));
    Iterator<ArrowShardWriter.SplitFeatures> features = new Iterator<>() {
      @Override
      public boolean hasNext() {
        return rows.hasNext();
      }

      @Override
      public ArrowShardWriter.SplitFeatures next() {
        Row r = rows.next();
        return new ArrowShardWriter.SplitFeatures(r.getString(0), new FeatureRow(r.getString(1), r.getInt(2),
            unboxed(r.getList(3)), unboxed(r.getList(4)), unboxed(r.getList(5))));
      }
    };
    FileSystem fs = shard.getFileSystem(new Configuration());
    try (OutputStream out = fs.create(shard, true)) {
      ArrowShardWriter.write(features, out);
    }
  }

  private static String fingerprint(String encoderFingerprint, FileStatus[] files) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(encoderFingerprint.getBytes(StandardCharsets.UTF_8));
      for (FileStatus f : files) {
        sha.update(("\n" + f.getPath().getName() + " " + f.getLen() + " " + f.getModificationTime())
            .getBytes(StandardCharsets.UTF_8));
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
    }
  }

  private static String read(FileSystem fs, Path file) throws IOException {
    if (!fs.exists(file)) {
      return null;
    }
    try (InputStream in = fs.open(file)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static int[] unboxed(List<Integer> values) {
    return values.stream().mapToInt(Integer::intValue).toArray();
  }
}
