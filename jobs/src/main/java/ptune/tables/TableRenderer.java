package ptune.tables;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Lays a {@link ResultTable} out as the paper does (rows backbone x method, columns tasks) plus the
 * reader's yardsticks: the majority-class row, what one dev example is worth on small dev sets, and
 * the published numbers ("*" = not verified in a source). Column headers name the metric and the
 * split the numbers are on (dev, or test for the tasks with a labelled test split). Markdown and
 * LaTeX differ only in syntax.
 */
public final class TableRenderer {

  private TableRenderer() {}

  public static String markdown(ResultTable table, PublishedResults published) {
    List<List<String>> rows = grid(table, published, "±", "*");
    StringBuilder out = new StringBuilder();
    out.append("### ").append(table.selection().description).append("\n\n");
    for (int i = 0; i < rows.size(); i++) {
      out.append("| ").append(String.join(" | ", rows.get(i))).append(" |\n");
      if (i == 0) {
        out.append("|").append("---|".repeat(rows.get(0).size())).append('\n');
      }
    }
    out.append("\nCells: mean ± std over seeds (n), in points. * = published number not verified in a source.\n");
    if (table.timedOut() > 0) {
      out.append("Left out: ").append(table.timedOut())
          .append(" timed-out trial(s) (stopped by trial_timeout; a rerun continues them).\n");
    }
    if (table.stopped() > 0) {
      out.append("Left out: ").append(table.stopped())
          .append(" trial(s) stopped at a rung by the successive-halving scheduler (not promoted).\n");
    }
    return out.toString();
  }

  public static String latex(ResultTable table, PublishedResults published) {
    List<List<String>> rows = grid(table, published, "$\\pm$", "$^*$");
    StringBuilder out = new StringBuilder();
    out.append("% ").append(table.selection().description).append('\n');
    out.append("\\begin{tabular}{l").append("c".repeat(rows.get(0).size() - 1)).append("}\n\\toprule\n");
    for (int i = 0; i < rows.size(); i++) {
      out.append(String.join(" & ", rows.get(i).stream().map(TableRenderer::escapeLatex).toList())).append(" \\\\\n");
      if (i == 0) {
        out.append("\\midrule\n");
      }
    }
    out.append("\\bottomrule\n\\end{tabular}\n");
    return out.toString();
  }

  /** The table as rows of text: header, ours, then the yardsticks (majority, granularity, published). */
  static List<List<String>> grid(ResultTable t, PublishedResults published, String pm, String unverified) {
    List<List<String>> rows = new ArrayList<>();
    List<String> header = new ArrayList<>(List.of("backbone / method"));
    String split = t.selection().reportedSplit();
    t.tasks().forEach(task -> header.add(task.toUpperCase(Locale.ROOT) + " (" + t.taskInfo().getOrDefault(task,
        new TaskInfo(task, "score", null, null)).metric() + ", " + split + ")"));
    rows.add(header);
    for (String backbone : t.backbones()) {
      for (String method : t.methods()) {
        List<String> row = new ArrayList<>(List.of(backbone + " " + MethodNames.display(method)));
        for (String task : t.tasks()) {
          Cell c = t.cell(backbone, method, task);
          row.add(c == null ? "–" : String.format(Locale.ROOT, "%.1f %s %.1f (%d)", c.mean(), pm, c.std(), c.seeds()));
        }
        rows.add(row);
      }
    }
    // The majority baseline and the example granularity are measured on dev.
    List<String> majority = new ArrayList<>(List.of(t.selection().reportsTest ? "majority class (dev)" : "majority class"));
    List<String> granularity = new ArrayList<>(List.of("1 dev example ="));
    for (String task : t.tasks()) {
      TaskInfo info = t.taskInfo().get(task);
      majority.add(info == null || info.majority() == null ? "–" : String.format(Locale.ROOT, "%.1f", info.majority()));
      granularity.add(info == null || !info.smallDevSet() ? "–"
          : String.format(Locale.ROOT, "%.2f pts (n=%d)", info.pointsPerExample(), info.devSize()));
    }
    rows.add(majority);
    if (!t.selection().reportsTest && granularity.stream().skip(1).anyMatch(s -> !s.equals("–"))) {
      rows.add(granularity);
    }
    Map<String, List<String>> reference = new LinkedHashMap<>();
    for (PublishedResults.Score s : published.forTasks(t.tasks())) {
      String label = s.backbone() + " " + MethodNames.display(s.method()) + " [" + s.source() + "]";
      List<String> row = reference.computeIfAbsent(label, k -> {
        List<String> r = new ArrayList<>(List.of(k));
        t.tasks().forEach(x -> r.add("–"));
        return r;
      });
      row.set(1 + t.tasks().indexOf(s.task()), String.format(Locale.ROOT, "%.1f%s", s.score(), s.verified() ? "" : unverified));
    }
    rows.addAll(reference.values());
    return rows;
  }

  private static String escapeLatex(String s) {
    return s.replace("_", "\\_").replace("%", "\\%").replace("#", "\\#").replace("&", "\\&");
  }
}
