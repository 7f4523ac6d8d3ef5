package ptune.tables;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Row;

/**
 * What changed since the previous run of a sweep (for scheduled reruns): cells whose mean moved by
 * more than a threshold, regressions (went down) listed first, and cells that appeared or vanished.
 */
public record RunComparison(List<String> regressed, List<String> improved, List<String> added, List<String> removed) {

  public static RunComparison between(List<Row> previous, List<Row> current, double thresholdPoints) {
    Map<String, Double> before = means(previous);
    Map<String, Double> after = means(current);
    List<String> regressed = new ArrayList<>();
    List<String> improved = new ArrayList<>();
    List<String> added = new ArrayList<>();
    after.forEach((key, now) -> {
      Double then = before.get(key);
      if (then == null) {
        added.add(key);
      } else if (now - then < -thresholdPoints) {
        regressed.add(String.format(Locale.ROOT, "%s: %.1f -> %.1f", key, then, now));
      } else if (now - then > thresholdPoints) {
        improved.add(String.format(Locale.ROOT, "%s: %.1f -> %.1f", key, then, now));
      }
    });
    List<String> removed = before.keySet().stream().filter(k -> !after.containsKey(k)).sorted().toList();
    return new RunComparison(regressed, improved, added, removed);
  }

  public boolean changed() {
    return !(regressed.isEmpty() && improved.isEmpty() && added.isEmpty() && removed.isEmpty());
  }

  public String markdown(String previousRun, double thresholdPoints) {
    StringBuilder out = new StringBuilder("# Changes since the previous run (" + previousRun + ")\n\n");
    out.append(String.format(Locale.ROOT, "Threshold: %.1f points.%n%n", thresholdPoints));
    section(out, "Regressed", regressed);
    section(out, "Improved", improved);
    section(out, "New cells", added);
    section(out, "Cells no longer present", removed);
    if (!changed()) {
      out.append("No cell changed beyond the threshold.\n");
    }
    return out.toString();
  }

  private static void section(StringBuilder out, String title, List<String> items) {
    if (!items.isEmpty()) {
      out.append("## ").append(title).append("\n\n");
      items.forEach(i -> out.append("- ").append(i).append('\n'));
      out.append('\n');
    }
  }

  private static Map<String, Double> means(List<Row> rows) {
    Map<String, Double> m = new HashMap<>();
    // By position: the rows built in this run carry no schema; both follow CellRows.SCHEMA.
    for (Row r : rows) {
      m.put(r.getString(0) + " " + r.getString(1) + " " + MethodNames.display(r.getString(2)) + " " + r.getString(3),
          r.getDouble(5));
    }
    return m;
  }
}
