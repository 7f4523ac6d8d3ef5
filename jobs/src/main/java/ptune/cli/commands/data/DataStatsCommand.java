package ptune.cli.commands.data;

import java.util.Set;
import ptune.backbone.Backbone;
import ptune.backbone.BackboneRegistry;
import ptune.cli.Command;
import ptune.dataset.TaskRegistry;
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
    Backbone backbone = BackboneRegistry.load(opts.options.getOrDefault("backbone", "minilm-l6"));
    DatasetStats stats = new DatasetStats(TaskRegistry.get(taskName), backbone.tokenizer());
    System.out.print(StatsReport.format(taskName, stats.computeAvailable(opts.dataDir())));
    System.out.println("token lengths with the " + backbone.name() + " tokenizer");
    return 0;
  }
}
