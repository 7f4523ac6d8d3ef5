package ptune.cli.commands.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import ptune.backbone.Backbone;
import ptune.backbone.BackboneRegistry;
import ptune.command.Command;
import ptune.dataset.Split;
import ptune.dataset.Task;
import ptune.tasks.TaskRegistry;
import ptune.dataset.stats.SplitStats;
import ptune.dataset.stats.DatasetStats;
import ptune.dataset.stats.StatsReport;

/**
 * {@code ptune data-stats TASK [--data-dir DIR] [--backbone NAME]}: per split, record counts, the
 * label (or entity, argument, answerable) distribution and token-length percentiles.
 */
public final class DataStatsCommand implements Command {
  private static final String USAGE = "data-stats TASK [--data-dir DIR] [--backbone NAME]";

  @Override
  public String help() {
    return USAGE + ": records, labels and token lengths per split";
  }

  @Override
  public int run(String[] args) throws Exception {
    CommandOptions opts = new CommandOptions(args, Set.of("data-dir", "backbone"), USAGE);
    if (opts.positional.size() != 1) {
      throw new IllegalArgumentException("usage: " + USAGE + "; tasks: " + TaskRegistry.names());
    }
    String taskName = opts.positional.get(0);
    Task task = TaskRegistry.get(taskName);
    Path dataDir = opts.dataDir();
    if (!Files.isDirectory(dataDir)) {
      throw new IllegalArgumentException("data dir " + dataDir.toAbsolutePath() + " does not exist (--data-dir, "
          + "PTUNE_DATA_DIR; bin/ptune fetch-data fills one)");
    }
    Backbone backbone = BackboneRegistry.load(opts.options.getOrDefault("backbone", "minilm-l6"));
    List<SplitStats> splits = new DatasetStats(task, backbone.tokenizer()).computeAvailable(dataDir);
    if (splits.isEmpty()) {
      throw new IllegalArgumentException("no split of task " + taskName + " under " + dataDir.toAbsolutePath()
          + ": missing " + task.paths(Split.TRAIN, dataDir));
    }
    System.out.print(StatsReport.format(taskName, splits));
    System.out.println("token lengths with the " + backbone.name() + " tokenizer");
    return 0;
  }
}
