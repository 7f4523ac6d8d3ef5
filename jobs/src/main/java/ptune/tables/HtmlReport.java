package ptune.tables;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import ptune.command.ExitCode;
import ptune.results.SweepLayout;

/**
 * {@code tables/report.html}: a sweep's results in one page that opens without a network: both
 * tables, every figure (PNG inlined as a data URI, with links to the SVG and PNG beside it), the
 * failed and diverged trials with their errors, the comparison with the previous run and the
 * baseline (with the history figure) and every trial with a link to its checkpoint. Everything that comes from configs, data or errors is HTML-escaped,
 * and the page's content security policy allows no script and no request, so nothing in it runs.
 *
 * @param comparison the comparison with earlier runs, or null when there is none to show
 */
public record HtmlReport(
    String sweep, String description, SweepLayout layout, List<ResultTable> tables, PublishedResults published,
    List<TrialRecord> records, List<DrawnFigure> figures, Comparison comparison) {

  /** A figure as the report shows it: PNG bytes inlined, the files beside it in plots/. */
  public record DrawnFigure(String name, String caption, int width, byte[] png) {}

  /** This run against the previous one and the baseline, with the history figure of the headline cells. */
  public record Comparison(RunComparisons runs, DrawnFigure history) {}

  private static final String CSS = """
      body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;margin:2rem auto;max-width:1100px;
      padding:0 1rem;color:#222;line-height:1.45}
      h1{font-size:1.6rem;margin-bottom:.2rem}h2{margin-top:2.2rem;border-bottom:1px solid #ddd;padding-bottom:.2rem}
      nav a{margin-right:1rem}.muted{color:#666}
      table{border-collapse:collapse;margin:.6rem 0 1rem;font-size:.92rem}
      th,td{border:1px solid #ccc;padding:.25rem .55rem;text-align:left;vertical-align:top}
      th{background:#f3f3f3}td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
      tr.reference td{color:#555;background:#fafafa}tr.selected td{background:#eef6ff}
      figure{margin:1.2rem 0}figure img{max-width:100%;height:auto;border:1px solid #eee}
      figcaption{font-size:.9rem;color:#444}pre{white-space:pre-wrap;font-size:.8rem;max-height:24rem;overflow:auto;
      background:#f7f7f7;padding:.5rem}.status-FAILED{color:#b00020;font-weight:600}.status-DIVERGED{color:#a05a00;font-weight:600}
      tr.regressed td{background:#fdecee}
      .wide{overflow-x:auto}
      """;

  public String html() {
    StringBuilder out = new StringBuilder(64 * 1024);
    out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src data:; "
            + "style-src 'unsafe-inline'\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>").append(esc("ptune: " + sweep)).append("</title>\n<style>").append(CSS).append("</style>\n")
        .append("</head>\n<body>\n");
    header(out);
    resultTables(out);
    figureSection(out);
    problems(out);
    changes(out);
    trials(out);
    out.append("</body>\n</html>\n");
    return out.toString();
  }

  private void header(StringBuilder out) {
    long diverged = records.stream().filter(TrialRecord::diverged).count();
    long failed = records.stream().filter(TrialRecord::failed).count();
    long timedOut = records.stream().filter(TrialRecord::timedOut).count();
    long stopped = records.stream().filter(TrialRecord::stopped).count();
    ResultTable first = tables.get(0);
    out.append("<header>\n<h1>").append(esc("ptune sweep " + sweep)).append("</h1>\n");
    if (description != null && !description.isBlank()) {
      out.append("<p>").append(esc(description)).append("</p>\n");
    }
    out.append("<p class=\"muted\">").append(records.size()).append(" trials: ")
        .append(records.size() - diverged - failed - timedOut - stopped).append(" completed, ").append(diverged).append(" diverged, ")
        .append(failed).append(" failed")
        .append(timedOut == 0 ? "" : ", " + timedOut + " timed out (left out of the tables; a rerun continues them)")
        .append(stopped == 0 ? "" : ", " + stopped + " stopped at a rung by the successive-halving scheduler (left out of the tables)")
        .append(". Backbones: ").append(esc(String.join(", ", first.backbones())))
        .append("; methods: ").append(esc(first.methods().stream().map(MethodNames::display).collect(Collectors.joining(", "))))
        .append("; tasks: ").append(esc(String.join(", ", first.tasks()))).append(".</p>\n")
        .append("<nav><a href=\"#tables\">Tables</a><a href=\"#figures\">Figures</a>")
        .append("<a href=\"#problems\">Failed and diverged</a><a href=\"#changes\">Comparison</a>")
        .append("<a href=\"#trials\">Trials and checkpoints</a></nav>\n</header>\n");
  }

  private void resultTables(StringBuilder out) {
    out.append("<section id=\"tables\">\n<h2>Tables</h2>\n");
    out.append("<p class=\"muted\">Cells: mean ± sample std over seeds (n), in points. Grey rows: yardsticks "
        + "(majority class, what one dev example is worth, published numbers; * = not verified in a source).</p>\n");
    List<ResultTable> shown = tables.stream().filter(t -> !t.tasks().isEmpty()).toList();
    for (ResultTable table : shown) { // a test table is empty when no task has a labelled test split
      List<List<String>> rows = TableRenderer.grid(table, published, "±", "*");
      int ours = table.backbones().size() * table.methods().size();
      out.append("<table id=\"").append(esc(table.selection().fileName)).append("\">\n<caption>")
          .append(esc(table.selection().description)).append("</caption>\n<thead><tr>");
      rows.get(0).forEach(h -> out.append("<th>").append(esc(h)).append("</th>"));
      out.append("</tr></thead>\n<tbody>\n");
      for (int i = 1; i < rows.size(); i++) {
        out.append(i > ours ? "<tr class=\"reference\">" : "<tr>");
        List<String> row = rows.get(i);
        for (int j = 0; j < row.size(); j++) {
          out.append(j == 0 ? "<th scope=\"row\">" : "<td class=\"num\">").append(esc(row.get(j)))
              .append(j == 0 ? "</th>" : "</td>");
        }
        out.append("</tr>\n");
      }
      out.append("</tbody>\n</table>\n");
    }
    out.append("<p class=\"muted\">Also as Markdown, LaTeX, CSV and Parquet beside this page: ")
        .append(shown.stream().map(t -> link(t.selection().fileName + ".md", t.selection().fileName + ".md"))
            .collect(Collectors.joining(", ")))
        .append(", ").append(link("results.csv", "results.csv")).append(".</p>\n</section>\n");
  }

  private void figureSection(StringBuilder out) {
    out.append("<section id=\"figures\">\n<h2>Figures</h2>\n");
    for (DrawnFigure f : figures) {
      out.append("<figure id=\"fig-").append(esc(f.name())).append("\">\n<img src=\"data:image/png;base64,")
          .append(Base64.getEncoder().encodeToString(f.png())).append("\" width=\"").append(f.width())
          .append("\" alt=\"").append(esc(f.caption())).append("\">\n<figcaption>").append(esc(f.caption()))
          .append(" · ").append(link("../plots/" + f.name() + ".svg", "SVG")).append(" · ")
          .append(link("../plots/" + f.name() + ".png", "PNG")).append("</figcaption>\n</figure>\n");
    }
    out.append("</section>\n");
  }

  private void problems(StringBuilder out) {
    // A STOPPED trial is the scheduler's choice, not a problem: counted in the header, not listed.
    List<TrialRecord> bad = records.stream().filter(r -> !r.completed() && !r.stopped()).sorted(TRIAL_ORDER).toList();
    boolean anyTimedOut = bad.stream().anyMatch(TrialRecord::timedOut);
    out.append("<section id=\"problems\">\n<h2>").append(anyTimedOut ? "Failed, diverged and timed-out" : "Failed and diverged")
        .append(" trials (").append(bad.size()).append(")</h2>\n");
    if (bad.isEmpty()) {
      out.append("<p>None: every trial completed.</p>\n</section>\n");
      return;
    }
    out.append("<p class=\"muted\">A diverged trial keeps its best epoch before the loss became NaN or infinite; a "
        + "failed one has no score" + (anyTimedOut ? "; a timed-out one stopped at its time limit (left out of the tables, "
        + "a rerun continues it from its saved state)" : "") + ". Full rows: <code>trials/trials.parquet</code>.</p>\n");
    out.append("<div class=\"wide\"><table id=\"problem-trials\">\n<thead><tr><th>trial</th><th>backbone</th><th>method</th><th>task</th>"
        + "<th>seed</th><th>grid point</th><th>status</th><th>error</th></tr></thead>\n<tbody>\n");
    List<String> varying = varyingHyperparameters();
    for (TrialRecord r : bad) {
      String error = r.error() == null ? "" : r.error();
      String firstLine = error.lines().findFirst().orElse("");
      out.append("<tr>").append(td(r.trialId())).append(td(r.backbone())).append(td(MethodNames.display(r.method())))
          .append(td(r.task())).append("<td class=\"num\">").append(r.seed()).append("</td>").append(td(gridPoint(r, varying)))
          .append("<td class=\"status-").append(esc(r.status())).append("\">").append(esc(r.status())).append("</td><td>");
      if (error.isEmpty()) {
        out.append("<span class=\"muted\">no error recorded</span>");
      } else {
        out.append("<details><summary>").append(esc(firstLine)).append("</summary><pre>").append(esc(error))
            .append("</pre></details>");
      }
      out.append("</td></tr>\n");
    }
    out.append("</tbody>\n</table></div>\n</section>\n");
  }

  private void changes(StringBuilder out) {
    out.append("<section id=\"changes\">\n<h2>Comparison with earlier runs</h2>\n");
    if (comparison == null) {
      out.append("<p>No comparison for this aggregation.</p>\n</section>\n");
      return;
    }
    RunComparisons runs = comparison.runs();
    out.append("<p>Run ").append(esc(runs.run())).append(". ").append(esc(capitalised(runs.rule().describe())))
        .append(".</p>\n<p class=\"").append(runs.regressed() ? "status-FAILED\">Regressed (exit code "
            + ExitCode.REGRESSED + ")." : "muted\">No regression.").append("</p>\n");
    if (runs.previous() == null) {
      out.append("<p>No previous run with tables in the history: nothing to compare with.</p>\n");
    } else {
      comparisonTable(out, "Against the previous run", runs.previous());
    }
    if (runs.baseline() != null) {
      comparisonTable(out, "Against the baseline", runs.baseline());
    }
    DrawnFigure f = comparison.history();
    if (f != null) {
      out.append("<figure id=\"fig-").append(esc(f.name())).append("\">\n<img src=\"data:image/png;base64,")
          .append(Base64.getEncoder().encodeToString(f.png())).append("\" width=\"").append(f.width())
          .append("\" alt=\"").append(esc(f.caption())).append("\">\n<figcaption>").append(esc(f.caption()))
          .append(" · ").append(link("../plots/" + f.name() + ".svg", "SVG")).append(" · ")
          .append(link("../plots/" + f.name() + ".png", "PNG")).append("</figcaption>\n</figure>\n");
    }
    out.append("<p class=\"muted\">Also as ").append(link("comparison.md", "comparison.md")).append(" and ")
        .append(link("comparison.json", "comparison.json")).append(".</p>\n</section>\n");
  }

  private static void comparisonTable(StringBuilder out, String title, RunComparison c) {
    List<CellComparison> regressed = c.with(RegressionRule.Verdict.REGRESSED);
    out.append("<h3>").append(esc(title + ": " + c.against())).append("</h3>\n<p>")
        .append(String.format(Locale.ROOT, "%d cells compared (%d testable): Regressed (%d), Improved (%d), "
            + "Not testable (%d). On a rerun that changes nothing, at most %.0f%% chance of a false alarm among them.",
            c.cells().size(), c.testable(), regressed.size(), c.with(RegressionRule.Verdict.IMPROVED).size(),
            c.with(RegressionRule.Verdict.NOT_TESTABLE).size(), 100 * c.rule().familyWiseFalseAlarm(c.testable())))
        .append("</p>\n");
    if (!c.throughputCompared()) {
      out.append("<p class=\"muted\">Throughput not compared: the earlier run recorded none.</p>\n");
    }
    // What needs a look first; the cells without a significant change folded below (a real sweep has dozens).
    List<CellComparison> notable = c.cells().stream().filter(x -> x.verdict() != RegressionRule.Verdict.UNCHANGED).toList();
    List<CellComparison> unchanged = c.with(RegressionRule.Verdict.UNCHANGED);
    if (!notable.isEmpty()) {
      comparisonRows(out, notable);
    }
    if (!unchanged.isEmpty()) {
      out.append("<details><summary>").append(unchanged.size()).append(" cells with no significant change</summary>\n");
      comparisonRows(out, unchanged);
      out.append("</details>\n");
    }
    if (!c.added().isEmpty()) {
      out.append("<p>New cells: ").append(esc(String.join(", ", c.added()))).append("</p>\n");
    }
    if (!c.removed().isEmpty()) {
      out.append("<p>Cells no longer present: ").append(esc(String.join(", ", c.removed()))).append("</p>\n");
    }
  }

  private static void comparisonRows(StringBuilder out, List<CellComparison> cells) {
    out.append("<div class=\"wide\"><table class=\"comparison\">\n<thead><tr><th>cell</th><th>measure</th>"
        + "<th>before</th><th>now</th><th>change</th><th>p (drop)</th><th>verdict</th></tr></thead>\n<tbody>\n");
    for (CellComparison cell : cells) {
      boolean bad = cell.verdict() == RegressionRule.Verdict.REGRESSED;
      out.append(bad ? "<tr class=\"regressed\">" : "<tr>").append(td(cell.label())).append(td(cell.kind().unit))
          .append("<td class=\"num\">").append(stats(cell.before())).append("</td><td class=\"num\">")
          .append(stats(cell.after())).append("</td>")
          .append(String.format(Locale.ROOT, "<td class=\"num\">%+.2f</td>", cell.delta()))
          .append("<td class=\"num\">").append(cell.decision().pDrop() == null ? "–"
              : String.format(Locale.ROOT, "%.3g", cell.decision().pDrop())).append("</td>")
          .append(bad ? "<td class=\"status-FAILED\">" : "<td>").append(esc(cell.verdict().label())).append("</td></tr>\n");
    }
    out.append("</tbody>\n</table></div>\n");
  }

  private static String stats(SeedStats s) {
    return String.format(Locale.ROOT, "%.2f ± %.2f (%d)", s.mean(), s.std(), s.n());
  }

  private static String capitalised(String s) {
    return s.isEmpty() ? s : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
  }

  /**
   * The hyperparameters that differ between trials, which are what tells grid points apart; the
   * others are listed once above the table.
   */
  private List<String> varyingHyperparameters() {
    return records.stream().flatMap(r -> r.hyperparameters().keySet().stream()).distinct().sorted()
        .filter(k -> records.stream().map(r -> String.valueOf(r.hyperparameters().get(k))).distinct().count() > 1)
        .toList();
  }

  private String gridPoint(TrialRecord r, List<String> varying) {
    return varying.stream().filter(r.hyperparameters()::containsKey).map(k -> k + "=" + r.hyperparameters().get(k))
        .collect(Collectors.joining(", "));
  }

  private String fixedHyperparameters(List<String> varying) {
    return records.stream().flatMap(r -> r.hyperparameters().entrySet().stream())
        .filter(e -> !varying.contains(e.getKey())).map(e -> e.getKey() + "=" + e.getValue()).distinct().sorted()
        .collect(Collectors.joining(", "));
  }

  private void trials(StringBuilder out) {
    ResultTable dev = tables.get(0);
    List<String> varying = varyingHyperparameters();
    Set<String> selected = records.stream()
        .filter(r -> {
          Cell c = dev.cell(r.backbone(), r.method(), r.task());
          return c != null && r.ranToTheEnd() && c.gridPoint().equals(r.gridPoint());
        })
        .map(TrialRecord::trialId).collect(Collectors.toSet());
    out.append("<section id=\"trials\">\n<h2>Trials and checkpoints (").append(records.size()).append(")</h2>\n")
        .append("<p class=\"muted\">Highlighted: the trials of the grid points the dev-selected table reports. "
            + "Scores in points; a checkpoint holds the trained tensors and <code>checkpoint.json</code>. "
            + "Same in every trial: ").append(esc(fixedHyperparameters(varying))).append(".</p>\n")
        .append("<div class=\"wide\"><table id=\"all-trials\">\n<thead><tr><th>trial</th><th>backbone</th><th>method</th><th>task</th>"
            + "<th>seed</th><th>grid point</th><th>status</th><th>best dev</th><th>final dev</th><th>held-out</th>"
            + "<th>checkpoint</th></tr></thead>\n<tbody>\n");
    for (TrialRecord r : records.stream().sorted(TRIAL_ORDER).toList()) {
      out.append(selected.contains(r.trialId()) ? "<tr class=\"selected\">" : "<tr>").append(td(r.trialId()))
          .append(td(r.backbone())).append(td(MethodNames.display(r.method()))).append(td(r.task()))
          .append("<td class=\"num\">").append(r.seed()).append("</td>").append(td(gridPoint(r, varying)))
          .append("<td class=\"status-").append(esc(String.valueOf(r.status()))).append("\">")
          .append(esc(String.valueOf(r.status()))).append("</td>")
          .append(score(r.devScore())).append(score(r.lastDevScore())).append(score(r.heldOutScore()))
          .append("<td>").append(checkpoint(r)).append("</td></tr>\n");
    }
    out.append("</tbody>\n</table></div>\n</section>\n");
  }

  /**
   * A link relative to tables/ when the checkpoint is this sweep's own, so that the link survives a
   * copy of the whole sweep directory; a file: URI otherwise; plain text for other filesystems.
   */
  private String checkpoint(TrialRecord r) {
    if (r.checkpointPath() == null || r.checkpointPath().isEmpty()) {
      return "<span class=\"muted\">none</span>";
    }
    String own = layout.checkpoints() + "/" + r.trialId();
    if (r.checkpointPath().equals(own)) {
      return link("../checkpoints/" + URLEncoder.encode(r.trialId(), StandardCharsets.UTF_8) + "/", "checkpoint");
    }
    String runs = layout.history() + "/";
    if (r.checkpointPath().startsWith(runs)) { // a rerun's, in history/<run id>/checkpoints/
      String[] parts = r.checkpointPath().substring(runs.length()).split("/");
      StringBuilder href = new StringBuilder("../history");
      for (String part : parts) {
        href.append('/').append(URLEncoder.encode(part, StandardCharsets.UTF_8));
      }
      return link(href + "/", "checkpoint");
    }
    return r.checkpointPath().startsWith("file:") ? link(r.checkpointPath(), r.checkpointPath()) : esc(r.checkpointPath());
  }

  private static final Comparator<TrialRecord> TRIAL_ORDER = Comparator.comparing(TrialRecord::backbone)
      .thenComparing(r -> MethodNames.order(r.method())).thenComparing(TrialRecord::method)
      .thenComparing(TrialRecord::task).thenComparing(TrialRecord::gridPoint).thenComparing(TrialRecord::seed)
      .thenComparing(TrialRecord::trialId, Comparator.nullsFirst(Comparator.naturalOrder()));

  private static String score(Double fraction) {
    return fraction == null ? "<td class=\"num muted\">–</td>"
        : String.format(Locale.ROOT, "<td class=\"num\">%.1f</td>", 100 * fraction);
  }

  private static String td(String text) {
    return "<td>" + esc(text) + "</td>";
  }

  private static String link(String href, String text) {
    return "<a href=\"" + esc(href) + "\">" + esc(text) + "</a>";
  }

  /** Text and attribute values: the five characters HTML gives a meaning to. */
  static String esc(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      switch (ch) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(ch);
      }
    }
    return out.toString();
  }
}
