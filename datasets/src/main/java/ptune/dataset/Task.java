package ptune.dataset;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One benchmark task: how to read it, where its files are (relative to the data dir), its labels,
 * and the metric used to pick the best epoch.
 *
 * @param labels class or tag names in index order; empty for regression, multiple choice and QA
 * @param files per split, the files relative to the data dir, in the order the reader expects
 * @param selectionMetric key of the metric map used for model selection, e.g. "accuracy" or "f1"
 * @param labelledTest the test split carries gold labels (CoNLL NER and SRL), so trials score it
 *     at the best dev epoch as the official code does; GLUE and SuperGLUE hide their test labels
 * @param articleFold null, or how train and dev are cut from one file by article (train and dev
 *     then name the same file)
 */
public record Task(
    String name,
    TaskKind kind,
    LabelSet labels,
    Map<Split, List<String>> files,
    String selectionMetric,
    DatasetReader reader,
    boolean labelledTest,
    ArticleFold articleFold) {

  /** A task whose splits are files of their own. */
  public Task(String name, TaskKind kind, LabelSet labels, Map<Split, List<String>> files,
      String selectionMetric, DatasetReader reader, boolean labelledTest) {
    this(name, kind, labels, files, selectionMetric, reader, labelledTest, null);
  }

  public Task {
    files = Map.copyOf(files);
    if (labelledTest && !files.containsKey(Split.TEST)) {
      throw new IllegalArgumentException("task " + name + " declares a labelled test split but has no test files");
    }
  }

  public Set<Split> splits() {
    return files.keySet();
  }

  public boolean hasSplit(Split split) {
    return files.containsKey(split);
  }

  public List<Path> paths(Split split, Path dataDir) {
    List<String> relative = files.get(split);
    if (relative == null) {
      throw new IllegalArgumentException("task " + name + " has no " + split.lowerName() + " split");
    }
    return relative.stream().map(dataDir::resolve).toList();
  }

  /**
   * Reads one split. Missing files fail with a message naming them, since the usual cause is a data
   * dir that was not fetched.
   */
  public ReadResult load(Split split, Path dataDir, ReadOptions options) {
    List<Path> paths = paths(split, dataDir);
    List<Path> missing = paths.stream().filter(p -> !Files.isRegularFile(p)).toList();
    if (!missing.isEmpty()) {
      throw new IllegalStateException(
          "task " + name + ", " + split.lowerName() + " split: missing data file(s) " + missing);
    }
    ReadResult read = reader.read(paths, options);
    return articleFold == null ? read : articleFold.part(split, read);
  }

  public ReadResult load(Split split, Path dataDir) {
    return load(split, dataDir, ReadOptions.STRICT);
  }

  /** A copy reading one split from other files, e.g. the FewGLUE sets instead of the full ones. */
  public Task withFiles(Split split, List<String> relativeFiles) {
    Map<Split, List<String>> changed = new EnumMap<>(Split.class);
    changed.putAll(files);
    changed.put(split, List.copyOf(relativeFiles));
    return new Task(name, kind, labels, changed, selectionMetric, reader, labelledTest, articleFold);
  }
}
