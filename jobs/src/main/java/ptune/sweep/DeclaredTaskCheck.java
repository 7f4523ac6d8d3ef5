package ptune.sweep;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import ptune.preprocess.HadoopDataFiles;
import ptune.dataset.DataFiles;
import ptune.dataset.DatasetFormatException;
import ptune.dataset.ReadOptions;
import ptune.dataset.ReadResult;
import ptune.dataset.Split;
import ptune.dataset.Task;
import ptune.tasks.TaskDefinition;
import ptune.trial.Hyperparameters;
import ptune.trial.TrialSpec;

/**
 * The tasks a sweep declares, read once on the driver before any trial starts: their files exist
 * (local, or on a Hadoop filesystem, {@link HadoopDataFiles}), their labels (from
 * train when not declared; a label dev or test holds that train lacks is an error naming its file
 * and line) and every record of every split, so that a malformed record fails here, not in the
 * middle of a sweep. Each task gets a line for the console: its labels, its split sizes and the
 * answers its SQuAD option re-anchored.
 */
final class DeclaredTaskCheck {

  private static final int REPAIRS_SHOWN = 3;

  private DeclaredTaskCheck() {}

  /**
   * @param specs the sweep's trials: a task is read skipping bad records only if every one of its
   *     trials sets {@code skip_bad_records}
   * @return one line per declared task the sweep runs
   * @throws ConfigException naming the task's declaration and the data file, line and field at fault
   */
  static List<String> check(SweepConfig config, ConfigLines source, Path dataDir, List<TrialSpec> specs) {
    List<String> lines = new ArrayList<>();
    config.declaredTasks().forEach((name, definition) -> {
      List<TrialSpec> trials = specs.stream().filter(s -> s.task().equals(name)).toList();
      if (trials.isEmpty()) {
        return;
      }
      boolean skipping = trials.stream().allMatch(Hyperparameters.SKIP_BAD_RECORDS::read);
      try {
        lines.add(summary(definition, dataDir, skipping ? ReadOptions.SKIP_BAD_RECORDS : ReadOptions.STRICT));
      } catch (DatasetFormatException | IllegalArgumentException | IllegalStateException | UncheckedIOException e) {
        throw new ConfigException(source.file(), source.lineOfPath(SweepConfigReader.KEY_TASK_DEFINITIONS, name),
            SweepConfigReader.KEY_TASK_DEFINITIONS + "." + name, e.getMessage());
      }
    });
    return lines;
  }

  private static String summary(TaskDefinition definition, Path dataDir, ReadOptions options) {
    DataFiles files = HadoopDataFiles.under(dataDir);
    List<String> labels = definition.checkLabels(files);
    Task task = definition.withLabels(labels).task(files);
    StringBuilder line = new StringBuilder("task " + definition.name() + " (declared):");
    if (!labels.isEmpty()) {
      line.append(" labels ").append(labels).append(definition.labels() == null ? " (from train)" : "").append(';');
    }
    List<String> repairs = new ArrayList<>();
    for (Split split : definition.files().keySet()) {
      ReadResult read = task.load(split, dataDir, options);
      if (read.examples().isEmpty()) {
        throw new IllegalArgumentException(split.lowerName() + " split: no records in " + definition.files().get(split));
      }
      line.append(' ').append(split.lowerName()).append(' ').append(read.size());
      if (read.skippedRecords() > 0) {
        line.append(" (").append(read.skippedRecords()).append(" bad records skipped)");
      }
      repairs.addAll(read.repairs());
    }
    line.append(" records");
    if (!repairs.isEmpty()) {
      line.append("; ").append(repairs.size()).append(" answer(s) re-anchored (reanchor_window), e.g. ")
          .append(String.join("; ", repairs.subList(0, Math.min(REPAIRS_SHOWN, repairs.size()))));
    }
    return line.toString();
  }
}
