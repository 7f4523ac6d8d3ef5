package ptune.tables;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Row;
import ptune.tables.CellComparison.Kind;
import ptune.tables.RegressionRule.Verdict;

/**
 * This run against an earlier one (the previous run, or a pinned baseline): every score cell and
 * every throughput cell present in both, matched by key (selection, backbone, method, task; never
 * by position), judged by a {@link RegressionRule}; and the cells only one of the runs has.
 *
 * @param run this run's id
 * @param against the earlier run's id (or path, for a baseline outside the history)
 * @param throughputCompared false when the earlier run recorded no throughput table
 */
public record RunComparison(
    String run, String against, RegressionRule rule, List<CellComparison> cells, List<String> added,
    List<String> removed, boolean throughputCompared) {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Comparator<CellComparison> ORDER = Comparator
      .comparing((CellComparison c) -> c.verdict().ordinal()).thenComparing(CellComparison::kind)
      .thenComparing(c -> c.selection() == null ? "" : c.selection()).thenComparing(CellComparison::backbone)
      .thenComparing(c -> MethodNames.order(c.method())).thenComparing(CellComparison::method)
      .thenComparing(CellComparison::task);

  /**
   * @param earlierScores, currentScores rows of results.parquet ({@link CellRows#SCHEMA}, read by name)
   * @param earlierThroughput, currentThroughput rows of throughput.parquet ({@link ThroughputCells#SCHEMA});
   *     earlierThroughput null when that run has none
   */
  public static RunComparison between(String run, String against, RegressionRule rule, List<Row> earlierScores,
      List<Row> currentScores, List<Row> earlierThroughput, List<Row> currentThroughput) {
    List<CellComparison> cells = new ArrayList<>();
    List<String> added = new ArrayList<>();
    List<String> removed = new ArrayList<>();
    match(Kind.SCORE, rule, scoreStats(earlierScores), scoreStats(currentScores), cells, added, removed);
    if (earlierThroughput != null) {
      match(Kind.THROUGHPUT, rule, throughputStats(earlierThroughput), throughputStats(currentThroughput), cells,
          added, removed);
    }
    cells.sort(ORDER);
    return new RunComparison(run, against, rule, List.copyOf(cells), List.copyOf(added), List.copyOf(removed),
        earlierThroughput != null);
  }

  public List<CellComparison> with(Verdict verdict) {
    return cells.stream().filter(c -> c.verdict() == verdict).toList();
  }

  public boolean regressed() {
    return !with(Verdict.REGRESSED).isEmpty();
  }

  public int testable() {
    return cells.size() - with(Verdict.NOT_TESTABLE).size();
  }

  /** A section of tables/comparison.md. */
  public String markdown(String title) {
    StringBuilder out = new StringBuilder("## ").append(title).append(": ").append(against).append("\n\n");
    out.append(String.format(Locale.ROOT, "%d cells compared (%d testable): %d regressed, %d improved, %d not testable. ",
        cells.size(), testable(), with(Verdict.REGRESSED).size(), with(Verdict.IMPROVED).size(),
        with(Verdict.NOT_TESTABLE).size()));
    out.append(String.format(Locale.ROOT, "On a rerun that changes nothing, each testable cell is a false alarm with "
        + "probability at most %.2f; at least one among %d: at most %.0f%%.%n%n", rule.alpha(), testable(),
        100 * rule.familyWiseFalseAlarm(testable())));
    if (!throughputCompared) {
      out.append("Throughput not compared: the earlier run recorded none.\n\n");
    }
    out.append("| cell | measure | before: mean ± std (n) | now: mean ± std (n) | change | p (drop) | verdict |\n");
    out.append("|---|---|---|---|---|---|---|\n");
    for (CellComparison c : cells) {
      out.append("| ").append(md(c.label())).append(" | ").append(c.kind().unit).append(" | ").append(stats(c.before()))
          .append(" | ").append(stats(c.after())).append(" | ").append(String.format(Locale.ROOT, "%+.2f", c.delta()))
          .append(" | ").append(c.decision().pDrop() == null ? "–" : String.format(Locale.ROOT, "%.3g", c.decision().pDrop()))
          .append(" | ").append(c.verdict() == Verdict.REGRESSED ? "**regressed**" : c.verdict().label()).append(" |\n");
    }
    if (!added.isEmpty()) {
      out.append("\nNew cells: ").append(md(String.join(", ", added))).append('\n');
    }
    if (!removed.isEmpty()) {
      out.append("\nCells no longer present: ").append(md(String.join(", ", removed))).append('\n');
    }
    return out.append('\n').toString();
  }

  public ObjectNode json() {
    ObjectNode out = JSON.createObjectNode();
    out.put("run", run);
    out.put("against", against);
    out.put("regressed", regressed());
    out.put("testable_cells", testable());
    out.put("family_wise_false_alarm_bound", rule.familyWiseFalseAlarm(testable()));
    out.put("throughput_compared", throughputCompared);
    ArrayNode list = out.putArray("cells");
    for (CellComparison c : cells) {
      ObjectNode n = list.addObject();
      n.put("kind", c.kind().name().toLowerCase(Locale.ROOT));
      n.put("unit", c.kind().unit);
      n.put("selection", c.selection());
      n.put("backbone", c.backbone());
      n.put("method", c.method());
      n.put("task", c.task());
      stats(n.putObject("before"), c.before());
      stats(n.putObject("after"), c.after());
      n.put("delta", c.delta());
      if (c.decision().pDrop() == null) {
        n.putNull("p_drop");
      } else {
        n.put("p_drop", c.decision().pDrop());
      }
      n.put("verdict", c.verdict().name().toLowerCase(Locale.ROOT));
    }
    added.forEach(out.putArray("added")::add);
    removed.forEach(out.putArray("removed")::add);
    return out;
  }

  private static void match(Kind kind, RegressionRule rule, Map<String, KeyedStats> earlier, Map<String, KeyedStats> now,
      List<CellComparison> cells, List<String> added, List<String> removed) {
    now.forEach((key, after) -> {
      KeyedStats before = earlier.get(key);
      if (before == null) {
        added.add(after.label(kind));
      } else {
        cells.add(new CellComparison(kind, after.selection, after.backbone, after.method, after.task, before.stats,
            after.stats, kind == Kind.SCORE ? rule.score(before.stats, after.stats)
                : rule.throughput(before.stats, after.stats)));
      }
    });
    earlier.forEach((key, before) -> {
      if (!now.containsKey(key)) {
        removed.add(before.label(kind));
      }
    });
  }

  private record KeyedStats(String selection, String backbone, String method, String task, SeedStats stats) {
    String label(Kind kind) {
      String cell = backbone + " " + MethodNames.display(method) + " " + task;
      return cell + " (" + (kind == Kind.SCORE ? selection : "throughput") + ")";
    }
  }

  private static Map<String, KeyedStats> scoreStats(List<Row> rows) {
    Map<String, KeyedStats> m = new LinkedHashMap<>();
    for (Row r : rows) {
      KeyedStats s = new KeyedStats(r.getAs("selection"), r.getAs("backbone"), r.getAs("method"), r.getAs("task"),
          new SeedStats(r.<Double>getAs("mean"), r.<Double>getAs("std"), r.<Integer>getAs("seeds")));
      m.put(CellComparison.key(s.selection, s.backbone, s.method, s.task), s);
    }
    return m;
  }

  private static Map<String, KeyedStats> throughputStats(List<Row> rows) {
    Map<String, KeyedStats> m = new LinkedHashMap<>();
    for (Row r : rows) {
      KeyedStats s = new KeyedStats(null, r.getAs("backbone"), r.getAs("method"), r.getAs("task"),
          new SeedStats(r.<Double>getAs("mean"), r.<Double>getAs("std"), r.<Integer>getAs("trials")));
      m.put(CellComparison.key(null, s.backbone, s.method, s.task), s);
    }
    return m;
  }

  private static String stats(SeedStats s) {
    return String.format(Locale.ROOT, "%.2f ± %.2f (%d)", s.mean(), s.std(), s.n());
  }

  private static void stats(ObjectNode n, SeedStats s) {
    n.put("mean", s.mean());
    n.put("std", s.std());
    n.put("n", s.n());
  }

  /** Markdown table text: no pipe, backslash or markup character acts as syntax. */
  static String md(String s) {
    return s.replaceAll("([\\\\`*_\\[\\]<>|#])", "\\\\$1").replace("\n", " ");
  }
}
