package ptune.tasks;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import ptune.dataset.ArticleFold;
import ptune.dataset.DataFiles;
import ptune.dataset.DatasetFormatException;
import ptune.dataset.LabelSet;
import ptune.dataset.Split;
import ptune.dataset.Task;
import ptune.dataset.TaskKind;

/**
 * A task as data: its kind, the layout of its files, the files per split, its labels and the
 * metric that selects the best epoch. Every built-in task is one ({@link TaskRegistry}), and a sweep
 * config declares its own the same way ({@link TaskDefinitionParser}); {@link #task} makes the
 * {@link Task} trials read. Serializable: a declared task travels to the executors with its trials.
 *
 * @param files per split, paths relative to the data dir (or absolute)
 * @param labels class names, or BIO tags for tagging, in index order; empty for regression,
 *     multiple choice and QA; null: the labels the train files hold ({@link #labelsFrom}), sorted
 * @param labelledTest the test split has gold labels, so trials score it at the best dev epoch
 * @param articleFold null, or how train and dev are cut from one file by article
 */
public record TaskDefinition(String name, TaskKind kind, TaskFormat format, Map<Split, List<String>> files,
    List<String> labels, String metric, boolean labelledTest, ArticleFold articleFold) implements Serializable {

  public TaskDefinition {
    Map<Split, List<String>> copy = new EnumMap<>(Split.class);
    files.forEach((split, paths) -> copy.put(split, List.copyOf(paths)));
    files = copy;
    labels = labels == null ? null : List.copyOf(labels);
  }

  /** The task with its files under {@code dataDir} ({@link #task(DataFiles)}). */
  public Task task(Path dataDir) {
    return task(DataFiles.under(dataDir));
  }

  /**
   * The task with its labels (read from the train files when the definition names none) and its
   * files where {@code where} has them, so that the task reads them whatever data dir it is given.
   */
  public Task task(DataFiles where) {
    List<String> names = labels != null ? labels : labelsFrom(where);
    Map<Split, List<String>> local = new EnumMap<>(Split.class);
    files.forEach((split, paths) -> local.put(split, paths.stream().map(f -> where.local(f).toString()).toList()));
    return task(names, local);
  }

  /**
   * The task as its labels and files are written: built-in tasks, and a checkpoint's task (whose
   * labels it records) when only its kind, labels and reader are needed.
   *
   * @throws IllegalStateException when the labels are to be read from the train files
   */
  public Task task() {
    if (labels == null) {
      throw new IllegalStateException("task " + name + " takes its labels from its train files");
    }
    return task(labels, files);
  }

  private Task task(List<String> names, Map<Split, List<String>> paths) {
    LabelSet set = new LabelSet(names);
    return new Task(name, kind, set, paths, metric, format.reader(kind, set), labelledTest, articleFold);
  }

  /** This definition with its labels fixed (as a checkpoint records the ones its head was trained on). */
  public TaskDefinition withLabels(List<String> names) {
    return new TaskDefinition(name, kind, format, files, names, metric, labelledTest, articleFold);
  }

  /**
   * The labels of the train files: class names sorted (numerically when all are integers); for
   * tagging "O" and the B-/I- tags of each entity type, types sorted. None for kinds without labels.
   */
  public List<String> labelsFrom(DataFiles where) {
    if (!hasLabels()) {
      return List.of();
    }
    Map<String, String> found = format.labelsIn(paths(Split.TRAIN, where));
    if (kind == TaskKind.TOKEN_CLASSIFICATION) {
      TreeSet<String> types = new TreeSet<>();
      found.keySet().stream().filter(tag -> !tag.equals("O")).forEach(tag -> types.add(tag.substring(2)));
      List<String> bio = new ArrayList<>(List.of("O"));
      types.forEach(type -> {
        bio.add("B-" + type);
        bio.add("I-" + type);
      });
      return bio;
    }
    boolean numeric = found.keySet().stream().allMatch(label -> label.matches("-?\\d{1,9}"));
    return found.keySet().stream()
        .sorted(numeric ? Comparator.comparingInt(Integer::parseInt) : Comparator.naturalOrder())
        .toList();
  }

  /**
   * Reads the labels of every split against the task's: a label dev or test holds that train lacks
   * (or that the declared list lacks) fails here, naming the file, line and field, before any trial
   * would fail on it.
   *
   * @return the task's labels
   */
  public List<String> checkLabels(DataFiles where) {
    if (!hasLabels()) {
      return List.of();
    }
    List<String> known = labels != null ? labels : labelsFrom(where);
    String source = labels != null ? "the labels declared" : "the labels of the train files";
    Map<Split, List<String>> checked = new LinkedHashMap<>(files);
    if (articleFold != null) {
      checked.remove(Split.DEV); // the same file as train
    }
    checked.keySet().forEach(split -> format.labelsIn(paths(split, where)).forEach((label, at) -> {
      if (!known.contains(label)) {
        int colon = at.lastIndexOf(':');
        throw new DatasetFormatException(Path.of(at.substring(0, colon)), Long.parseLong(at.substring(colon + 1)),
            kind == TaskKind.TOKEN_CLASSIFICATION ? "tag" : "label", "task " + name + ", " + split.lowerName()
                + " split: label '" + label + "' is not among " + source + " " + known);
      }
    }));
    return known;
  }

  private boolean hasLabels() {
    return kind == TaskKind.SEQUENCE_CLASSIFICATION || kind == TaskKind.TOKEN_CLASSIFICATION;
  }

  private List<Path> paths(Split split, DataFiles where) {
    return files.get(split).stream().map(where::local).toList();
  }
}
