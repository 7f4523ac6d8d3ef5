package ptune.preprocess;

import static org.apache.spark.sql.functions.lit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.CollectionAccumulator;
import ptune.dataset.DatasetFormatException;
import ptune.dataset.LineRecords;
import ptune.dataset.Split;
import ptune.dataset.Task;
import ptune.tasks.TaskRegistry;
import ptune.dataset.TextFile;
import ptune.featurestore.FeatureSetKey;
import ptune.featurestore.FeatureShard;
import ptune.featurestore.StoredExample;
import ptune.results.SweepLayout;
import ptune.trial.ExampleFeatures;
import ptune.trial.Hyperparameters;
import ptune.trial.TrialSpec;

/**
 * Tokenizes a sweep's raw datasets on the executors, once per feature set (task, backbone
 * tokenizer, max length, input encoding): Parquet (partitioned by split) for analysis and Arrow IPC
 * shards for the trials, under {@code features/<task>/<backbone>-len<max_len>/}. A
 * {@code _FINGERPRINT} of the input files (name, size, modification time) and the encoder's own
 * fingerprint makes a rerun with unchanged inputs reuse the features.
 *
 * <p>Every built-in task: files with one record per line (SuperGLUE JSON Lines, GLUE TSV) are read
 * as Hadoop text splits, so a large file is tokenized by many tasks; the others (CoNLL NER and SRL,
 * SQuAD) in chunks of whole groups ({@link SplitChunks}). Tagging sentences keep their word
 * alignment and QA windows their context offsets, so that stored rows decode as fresh ones. The
 * Arrow shards of each split are in their own directory ({@code arrow/<split>/}), a trial opens
 * only those of the splits it reads. Declared tasks ({@code task_definitions}) are reported and left
 * to their trials, which tokenize them.
 */
public final class FeaturePreprocessor {

  private static final String FINGERPRINT = "_FINGERPRINT";
  private static final long TEXT_SPLIT_BYTES = 1 << 20;
  private static final StructType LINES = new StructType()
      .add("value", DataTypes.StringType).add("split", DataTypes.StringType)
      .add("file", DataTypes.StringType).add("line", DataTypes.LongType)
      .add("header", DataTypes.createArrayType(DataTypes.StringType));

  /** One raw input file and the split it holds. */
  private record InputFile(Split split, FileStatus status) {}

  /** One feature set and whether this run built it ({@code rows} -1 when reused). */
  public record FeatureSet(FeatureSetKey key, String dir, boolean built, long rows) {}

  private final SparkSession spark;
  private final PrintStream console;
  private final int chunkExamples;

  public FeaturePreprocessor(SparkSession spark, PrintStream console) {
    this(spark, console, SplitChunks.CHUNK_EXAMPLES);
  }

  /** @param chunkExamples about how many examples of a CoNLL or SQuAD split one Spark task encodes */
  FeaturePreprocessor(SparkSession spark, PrintStream console, int chunkExamples) {
    this.spark = spark;
    this.console = console;
    this.chunkExamples = chunkExamples;
  }

  /**
   * Builds (or reuses) the feature sets the trials read.
   *
   * @param trials the sweep's expanded grid
   * @param input the raw datasets root, a Hadoop URI
   * @param layout where the sweep's {@code features/} are
   */
  public List<FeatureSet> run(List<TrialSpec> trials, String input, SweepLayout layout, FeatureEncoder encoder,
      boolean force) {
    Map<FeatureSetKey, Task> keys = new LinkedHashMap<>();
    Set<FeatureSetKey> skipping = new HashSet<>();
    Set<String> declared = new LinkedHashSet<>();
    for (TrialSpec spec : trials) {
      if (spec.taskDefinition() != null) {
        declared.add(spec.task());
        continue;
      }
      Task task = TaskRegistry.get(spec.task());
      FeatureSetKey key = ExampleFeatures.key(spec, task);
      keys.putIfAbsent(key, task);
      if (Hyperparameters.SKIP_BAD_RECORDS.read(spec)) {
        skipping.add(key); // strict trials of the same set still read the raw data and fail on their own
      }
    }
    declared.forEach(task -> console.printf(
        "preprocess %s: skipped (a declared task: its features are not stored); its trials tokenize their examples%n", task));
    List<FeatureSet> sets = new ArrayList<>();
    keys.forEach((key, task) -> sets.add(build(input, layout, encoder, key, task, force, skipping.contains(key))));
    return sets;
  }

  /**
   * @param skipBadRecords as the trials' {@code skip_bad_records}: leave malformed records out and
   *     report them; else the first one stops preprocessing with the reader's message
   * @throws DatasetFormatException naming file, line and field of a malformed record
   */
  private FeatureSet build(String input, SweepLayout layout, FeatureEncoder encoder, FeatureSetKey key, Task task,
      boolean force, boolean skipBadRecords) {
    Path out = new Path(layout.features() + "/" + key.directory());
    try {
      Configuration conf = spark.sparkContext().hadoopConfiguration();
      List<InputFile> files = inputFiles(input, task, conf);
      String fingerprint = encoder.fingerprint(key);
      String inputsFingerprint = fingerprint(fingerprint, files);
      FileSystem outFs = out.getFileSystem(conf);
      if (!force && inputsFingerprint.equals(read(outFs, new Path(out, FINGERPRINT)))) {
        console.printf("preprocess %s: inputs unchanged, reusing %s%n", key, out);
        return new FeatureSet(key, out.toString(), false, -1);
      }
      outFs.delete(out, true);
      long started = System.nanoTime();
      spark.sparkContext().setJobDescription("preprocess " + key);
      // Bad records are collected in both modes: strict mode then fails here on the driver with the
      // reader's messages (file, line, field), not with an executor's stack trace.
      CollectionAccumulator<String> badRecords = spark.sparkContext().collectionAccumulator("bad records of " + key);
      List<String> skipped = List.of();
      Dataset<Row> encoded;
      if (task.reader() instanceof LineRecords records) {
        encoded = new FeatureTransformer(encoder, key, badRecords).transform(lines(files, records.headerLines(), conf));
      } else {
        SplitChunks.Result chunked = SplitChunks.encode(spark, key, splitFiles(files), encoder, skipBadRecords,
            chunkExamples);
        encoded = chunked.features();
        skipped = chunked.skipped();
      }
      Dataset<Row> features = encoded.persist(StorageLevel.MEMORY_AND_DISK());
      long rows;
      try {
        rows = features.count();
        // A recomputed partition reports its records again: the messages (file and line) are unique.
        List<String> bad = new ArrayList<>(new TreeSet<>(badRecords.value()));
        bad.addAll(skipped);
        if (!bad.isEmpty() && !skipBadRecords) {
          throw new DatasetFormatException(bad.get(0) + (bad.size() == 1 ? "" : " (and " + (bad.size() - 1)
              + " more bad records)") + "; skip_bad_records: true leaves them out");
        }
        if (!bad.isEmpty()) {
          console.printf("preprocess %s: skipped %d bad records (skip_bad_records), e.g. %s%n", key, bad.size(),
              bad.subList(0, Math.min(3, bad.size())));
        }
        features.write().mode(SaveMode.Overwrite).partitionBy("split").parquet(new Path(out, "parquet").toString());
        String arrowDir = new Path(out, "arrow").toString();
        features.toJavaRDD().foreachPartition(r -> writeShard(r, fingerprint, arrowDir));
      } catch (RuntimeException e) {
        outFs.delete(out, true); // no half-written feature set is left to be mistaken for one
        throw e;
      } finally {
        features.unpersist();
      }
      try (OutputStream o = outFs.create(new Path(out, FINGERPRINT), true)) {
        o.write(inputsFingerprint.getBytes(StandardCharsets.UTF_8));
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      console.printf(Locale.ROOT, "preprocess %s: %d examples -> %s in %.1f s (%.0f examples/s, %d shards)%n", key,
          rows, out, seconds, rows / seconds, shards(outFs, new Path(out, "arrow")));
      return new FeatureSet(key, out.toString(), true, rows);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot preprocess " + key, e);
    }
  }

  /** The task's file per split under {@code input}; train and dev must exist, test may not. */
  private static List<InputFile> inputFiles(String input, Task task, Configuration conf) throws IOException {
    List<InputFile> files = new ArrayList<>();
    for (Split split : Split.values()) {
      if (!task.hasSplit(split)) {
        continue;
      }
      for (String relative : task.files().get(split)) {
        Path file = new Path(input, relative);
        FileSystem fs = file.getFileSystem(conf);
        if (fs.exists(file)) {
          files.add(new InputFile(split, fs.getFileStatus(file)));
        } else if (split != Split.TEST) {
          throw new IllegalArgumentException("missing " + task.name() + " " + split.lowerName() + " file " + file
              + " (preprocess.input or data_dir points at the datasets root)");
        }
      }
    }
    return files;
  }

  private static int shards(FileSystem fs, Path arrow) throws IOException {
    int n = 0;
    for (FileStatus split : fs.listStatus(arrow)) {
      n += fs.listStatus(split.getPath(), p -> p.getName().endsWith(".arrow")).length;
    }
    return n;
  }

  /** The files of each split, in the task's order, as Hadoop paths. */
  private static List<SplitChunks.SplitFiles> splitFiles(List<InputFile> files) {
    Map<Split, List<String>> bySplit = new LinkedHashMap<>();
    for (InputFile f : files) {
      bySplit.computeIfAbsent(f.split(), s -> new ArrayList<>()).add(f.status().getPath().toString());
    }
    List<SplitChunks.SplitFiles> out = new ArrayList<>();
    bySplit.forEach((split, paths) -> out.add(new SplitChunks.SplitFiles(split, paths)));
    return out;
  }

  /**
   * Every record line of the files with its split, file, 1-based line number and the file's header,
   * the first line without a byte-order mark, as {@link TextFile} gives them to the trials.
   */
  private Dataset<Row> lines(List<InputFile> files, int headerLines, Configuration conf) throws IOException {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    JavaRDD<Row> all = jsc.emptyRDD();
    for (InputFile f : files) {
      String split = f.split().lowerName();
      String file = f.status().getPath().toString();
      String[] header = firstLines(f.status().getPath(), headerLines, conf);
      all = all.union(jsc.textFile(file, textSplits(f.status().getLen(), jsc.defaultParallelism())).zipWithIndex()
          .filter(line -> line._2() >= headerLines)
          .map(line -> RowFactory.create(line._2() == 0 ? TextFile.withoutByteOrderMark(line._1()) : line._1(),
              split, file, line._2() + 1, header)));
    }
    return spark.createDataFrame(all, LINES);
  }

  /**
   * About one text split per {@value #TEXT_SPLIT_BYTES} bytes (SST-2's 67k lines become several
   * tasks and shards), at most four per core of the cluster, at least one.
   */
  private static int textSplits(long bytes, int parallelism) {
    return (int) Math.max(1, Math.min(4L * parallelism, (bytes + TEXT_SPLIT_BYTES - 1) / TEXT_SPLIT_BYTES));
  }

  private static String[] firstLines(Path file, int n, Configuration conf) throws IOException {
    String[] lines = new String[n];
    try (BufferedReader in = new BufferedReader(new InputStreamReader(
        file.getFileSystem(conf).open(file), StandardCharsets.UTF_8))) {
      for (int i = 0; i < n; i++) {
        lines[i] = in.readLine();
        if (lines[i] == null) {
          throw new IOException(file + ": expected " + n + " header line(s), the file has " + i);
        }
        if (i == 0) {
          lines[0] = TextFile.withoutByteOrderMark(lines[0]); // as the trials' reader does (MRPC)
        }
      }
    }
    return lines;
  }

  /**
   * One partition as one shard under {@code <dir>/<split>/}: every partition holds one split (a
   * line file's text split, or a chunk of one split).
   */
  private static void writeShard(Iterator<Row> rows, String fingerprint, String dir) throws IOException {
    if (!rows.hasNext()) {
      return;
    }
    StoredExample first = FeatureTransformer.storedExample(rows.next());
    Path shard = new Path(dir + "/" + first.split(), String.format("part-%05d.arrow", TaskContext.getPartitionId()));
    Iterator<StoredExample> examples = new Iterator<>() {
      private StoredExample next = first;

      @Override
      public boolean hasNext() {
        return next != null || rows.hasNext();
      }

      @Override
      public StoredExample next() {
        StoredExample e = next != null ? next : FeatureTransformer.storedExample(rows.next());
        next = null;
        if (!e.split().equals(first.split())) {
          throw new IllegalStateException("partition " + TaskContext.getPartitionId() + " mixes splits "
              + first.split() + " and " + e.split() + "; each shard holds one");
        }
        return e;
      }
    };
    FileSystem fs = shard.getFileSystem(new Configuration());
    try (OutputStream out = fs.create(shard, true)) {
      FeatureShard.write(examples, fingerprint, out);
    }
  }

  private static String fingerprint(String encoderFingerprint, List<InputFile> files) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(encoderFingerprint.getBytes(StandardCharsets.UTF_8));
      for (InputFile input : files) {
        FileStatus f = input.status();
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
}
