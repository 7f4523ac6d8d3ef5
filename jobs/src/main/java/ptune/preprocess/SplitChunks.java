package ptune.preprocess;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import ptune.dataset.DatasetFormatException;
import ptune.dataset.Example;
import ptune.dataset.ReadOptions;
import ptune.dataset.ReadResult;
import ptune.dataset.Split;
import ptune.dataset.Subsample;
import ptune.featurestore.FeatureSetKey;
import ptune.tasks.TaskRegistry;

/**
 * Preprocessing of a task whose files are not one record per line (CoNLL sentences, SRL
 * propositions, SQuAD questions), spread over the executors. First one Spark task per split reads
 * it with the task's own reader (ids as the trials' reader gives them) and returns only its size and
 * where its groups start; the driver cuts each split into chunks of about {@value #CHUNK_EXAMPLES} (or the
 * given number of) examples made of whole groups (a SQuAD article's questions stay in one chunk); then one Spark
 * task per chunk reads the split again and encodes just its chunk, the expensive part. Reading is
 * cheap next to tokenizing, and each executor JVM keeps the last splits it read. A chunk becomes
 * one Arrow shard.
 */
final class SplitChunks {

  static final int CHUNK_EXAMPLES = 1000;
  private static final int CACHED_SPLITS = 2;
  private static final Map<String, ReadResult> READ = Collections.synchronizedMap(
      new LinkedHashMap<>(4, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, ReadResult> eldest) {
          return size() > CACHED_SPLITS;
        }
      });

  /** One split's files, as Hadoop paths. */
  record SplitFiles(Split split, List<String> files) implements Serializable {}

  /** What reading a split found: its size, where its groups start, the records it skipped, or why it failed. */
  private record Layout(SplitFiles split, int examples, List<Integer> groupStarts, List<String> skipped,
      String error) implements Serializable {}

  /** Examples {@code [from, to)} of one split. */
  private record Chunk(SplitFiles split, int from, int to) implements Serializable {}

  /** The encoded examples, and the messages of the records the reader skipped (skip_bad_records). */
  record Result(Dataset<Row> features, List<String> skipped) {}

  private SplitChunks() {}

  /**
   * @param skipBadRecords leave malformed records out (their messages are returned); else the
   *     first one fails here, on the driver, with the reader's message (file, line, field)
   */
  static Result encode(SparkSession spark, FeatureSetKey key, List<SplitFiles> splits, FeatureEncoder encoder,
      boolean skipBadRecords, int chunkExamples) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    String task = key.task();
    List<Layout> layouts = jsc.parallelize(splits, splits.size())
        .map(split -> layout(task, split, skipBadRecords)).collect();
    List<Chunk> chunks = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    for (Layout layout : layouts) {
      if (layout.error() != null) {
        throw new DatasetFormatException(layout.error());
      }
      skipped.addAll(layout.skipped());
      for (int[] range : ranges(layout.groupStarts(), layout.examples(), chunkExamples)) {
        chunks.add(new Chunk(layout.split(), range[0], range[1]));
      }
    }
    JavaRDD<Row> rows = jsc.parallelize(chunks, Math.max(1, chunks.size())).flatMap(chunk -> {
      List<Example> examples = read(task, chunk.split(), skipBadRecords).examples();
      return FeatureTransformer.rows(encoder.encode(key, chunk.split().split(),
          examples.subList(chunk.from(), chunk.to()))).iterator();
    });
    return new Result(spark.createDataFrame(rows, FeatureTransformer.SCHEMA), skipped);
  }

  private static Layout layout(String task, SplitFiles split, boolean skipBadRecords) {
    ReadResult read;
    try {
      read = read(task, split, skipBadRecords);
    } catch (DatasetFormatException e) {
      return new Layout(split, 0, List.of(), List.of(), e.getMessage());
    }
    List<Integer> starts = new ArrayList<>();
    String group = null;
    for (int i = 0; i < read.examples().size(); i++) {
      String g = Subsample.splitGroupOf(read.examples().get(i));
      if (!g.equals(group)) {
        starts.add(i);
        group = g;
      }
    }
    return new Layout(split, read.examples().size(), starts, read.skippedMessages(), null);
  }

  /**
   * Runs {@code [from, to)} of whole groups of at least {@code size} examples each (the last may be
   * shorter; a group larger than {@code size} is a run of its own).
   *
   * @param groupStarts the first example of each group, ascending, starting at 0
   */
  static List<int[]> ranges(List<Integer> groupStarts, int examples, int size) {
    List<int[]> ranges = new ArrayList<>();
    int from = 0;
    for (int start : groupStarts) {
      if (start - from >= size) {
        ranges.add(new int[] {from, start});
        from = start;
      }
    }
    if (from < examples) {
      ranges.add(new int[] {from, examples});
    }
    return ranges;
  }

  /**
   * The split as the task's reader reads it: local files where they are, other Hadoop files from
   * local copies (a reader's message then names the Hadoop path, not the copy).
   */
  private static ReadResult read(String taskName, SplitFiles split, boolean skipBadRecords) {
    HadoopDataFiles copies = HadoopDataFiles.under(Path.of("/"));
    Map<String, String> local = new LinkedHashMap<>();
    for (String file : split.files()) {
      URI uri = new org.apache.hadoop.fs.Path(file).toUri();
      boolean isLocal = uri.getScheme() == null || uri.getScheme().equals("file");
      local.put(isLocal ? uri.getPath() : copies.local(file).toString(), isLocal ? uri.getPath() : file);
    }
    String cacheKey = taskName + " " + split.split() + " " + skipBadRecords + " " + stamps(local.keySet());
    ReadResult cached = READ.get(cacheKey);
    if (cached != null) {
      return cached;
    }
    ReadOptions options = skipBadRecords ? ReadOptions.SKIP_BAD_RECORDS : ReadOptions.STRICT;
    ReadResult read;
    try {
      read = TaskRegistry.get(taskName).withFiles(split.split(), List.copyOf(local.keySet()))
          .load(split.split(), Path.of("/"), options);
    } catch (DatasetFormatException e) {
      throw new DatasetFormatException(hadoopPaths(e.getMessage(), local));
    }
    read = new ReadResult(read.examples(), read.skippedMessages().stream().map(m -> hadoopPaths(m, local)).toList(),
        read.repairs());
    READ.put(cacheKey, read);
    return read;
  }

  private static String hadoopPaths(String message, Map<String, String> local) {
    for (Map.Entry<String, String> file : local.entrySet()) {
      if (!file.getKey().equals(file.getValue())) {
        message = message.replace(file.getKey(), file.getValue());
      }
    }
    return message;
  }

  /** Names, sizes and modification times: a changed file is read again. */
  private static String stamps(Iterable<String> local) {
    StringBuilder out = new StringBuilder();
    for (String file : local) {
      try {
        Path p = Path.of(file);
        out.append(file).append(':').append(Files.size(p)).append(':').append(Files.getLastModifiedTime(p).toMillis())
            .append(' ');
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + file, e);
      }
    }
    return out.toString();
  }
}
