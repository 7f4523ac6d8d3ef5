package ptune.dataset.stats;

import java.util.List;
import java.util.Map;

/** Formats split statistics as a plain-text report, one block per split. */
public final class StatsReport {

  private StatsReport() {}

  public static String format(String taskName, List<SplitStats> splits) {
    StringBuilder out = new StringBuilder("task ").append(taskName).append('\n');
    for (SplitStats stats : splits) {
      out.append("  ").append(stats.split().lowerName()).append(": ").append(stats.records()).append(" records\n");
      for (Map.Entry<String, Long> count : stats.counts().entrySet()) {
        out.append(String.format("    %-16s %8d%n", count.getKey(), count.getValue()));
      }
      LengthPercentiles lengths = stats.tokenLengths();
      out.append(String.format("    tokens p50 %d  p90 %d  p99 %d  max %d%n",
          lengths.p50(), lengths.p90(), lengths.p99(), lengths.max()));
    }
    return out.toString();
  }
}
