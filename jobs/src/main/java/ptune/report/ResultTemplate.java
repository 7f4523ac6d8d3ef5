package ptune.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IntSummaryStatistics;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import ptune.metrics.Correlation;
import ptune.tables.SeedStats;

/**
 * Renders a Markdown template whose every result number comes from published sweep result files
 * ({@link SweepResults}, one directory per sweep under a results root), so that a document cannot
 * drift from the runs it reports: {@code docs/reproduction.md} is rendered from
 * {@code docs/reproduction.template.md} this way, and a test renders it again and compares.
 *
 * <p>Placeholders are {@code {{verb args...}}} with whitespace-separated arguments; S is a sweep
 * directory name, SEL a table ({@code selected-on-dev}, {@code selected-on-dev-test},
 * {@code selected-on-held-out}), B a backbone, M a method, T a task. Scores are in points, one
 * decimal, as in the tables:
 * <ul>
 *   <li>{@code cell S SEL B M T}: "mean ± std (seeds)"; {@code mean}, {@code std}, {@code seeds}
 *       with the same arguments: one of them; {@code grid} the selected grid point;
 *   <li>{@code gap S SEL B T M1 M2}: mean of M1 minus mean of M2, signed;
 *   <li>{@code majority S SEL T}, {@code per-example S SEL T}: the majority-class score and the
 *       points one dev example is worth;
 *   <li>{@code best-epochs S B M T}: the range of the trials' best epochs, "lo-hi of N" ("k of N" when all equal);
 *       {@code trial-minutes S B M T}: their mean wall time; {@code trainable S B M T}: their
 *       trainable parameter count (distinct counts joined by " / ");
 *   <li>{@code trials S [STATUS]}: how many trial rows (with that status); {@code trial-epochs S}:
 *       the epochs all of them trained ({@code epochs_run} summed, stopped trials included);
 *       {@code trial-epochs-ratio S1 S2}: S1's trial-epochs over S2's, one decimal;
 *   <li>{@code rerun S SEL B M T R}: "mean ± std (seeds)" over the finished trials of sweep R
 *       that ran the grid point S selected in that cell (the same hyperparameters, any seed): its
 *       best dev score for {@code selected-on-dev}, its test score at the best dev epoch for
 *       {@code selected-on-dev-test};
 *   <li>{@code curves S B M T KEYS EPOCHS}: a Markdown table of those trials, best final dev score
 *       first: the hyperparameters KEYS (comma-separated), status, epochs trained, the best dev
 *       score up to each of EPOCHS (comma-separated; what successive halving ranks at a rung) and
 *       the best dev score with its epoch;
 *   <li>{@code grid-means S B M T KEYS}: a Markdown table with one row per grid point of those
 *       trials (the distinct values of the hyperparameters KEYS, comma-separated), best mean first:
 *       the mean ± std (seeds) of the finished trials' best dev scores, and their best epochs;
 *       how the grid behind a best-of-grid cell scored;
 *   <li>{@code rank-correlation S B M T EPOCH}: Spearman's rank correlation, over those trials that
 *       ran to the end, between the best dev score up to EPOCH and the final best dev score (ties
 *       take their mean rank), two decimals: how well a rung at EPOCH predicts the final ranking;
 *   <li>{@code idle S}: from the sweep's console.txt, the scheduler's last slot-usage line ("rungs:
 *       W s on N slot(s): trials trained B slot-s, idle I slot-s (P%)") as "I slot-s of N x W s (P%)":
 *       what synchronous rungs left idle;
 *   <li>{@code run S FIELD}: from run.json: {@code wall} (all sessions), {@code started},
 *       {@code finished}, {@code command}, {@code commit} (that published it), {@code ran_commits}
 *       (the sessions' commits, distinct), {@code machine}, {@code sessions},
 *       {@code java_opts} (each session's PTUNE_JAVA_OPTS, distinct), {@code args} (the options
 *       run.sh passed on to bin/ptune run, distinct; "none"), {@code load} (mean load
 *       average sampled while it ran);
 *   <li>{@code table S FILE}: a Markdown table file of the sweep's tables/ inlined;
 *       {@code figure S NAME}: an image link to the sweep's plots/NAME.svg.
 * </ul>
 * An unknown verb, sweep, cell or field is an error naming the template's file and line.
 */
public final class ResultTemplate {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([^}]*)}}");

  private final Path resultsRoot;
  private final String linkBase;
  private final Map<String, SweepResults> sweeps = new HashMap<>();

  /**
   * @param resultsRoot the directory holding one directory per published sweep
   * @param linkBase how the rendered document reaches {@code resultsRoot} in links (e.g.
   *     "reproduction" for docs/reproduction.md beside docs/reproduction/)
   */
  public ResultTemplate(Path resultsRoot, String linkBase) {
    this.resultsRoot = resultsRoot;
    this.linkBase = linkBase;
  }

  public String render(Path template) {
    String text;
    try {
      text = Files.readString(template);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read template " + template + ": " + e.getMessage(), e);
    }
    return render(text, template.toString());
  }

  /** @param source the template's name for error messages */
  public String render(String template, String source) {
    StringBuilder out = new StringBuilder();
    String[] lines = template.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      Matcher m = PLACEHOLDER.matcher(lines[i]);
      StringBuilder line = new StringBuilder();
      while (m.find()) {
        String value;
        try {
          value = expand(m.group(1).trim().split("\\s+"));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(source + ":" + (i + 1) + ": {{" + m.group(1) + "}}: " + e.getMessage(), e);
        }
        m.appendReplacement(line, Matcher.quoteReplacement(value));
      }
      m.appendTail(line);
      out.append(line);
      if (i < lines.length - 1) {
        out.append('\n');
      }
    }
    return out.toString();
  }

  private String expand(String[] words) {
    String verb = words[0];
    String[] a = Arrays.copyOfRange(words, 1, words.length);
    return switch (verb) {
      case "cell" -> {
        Map<String, String> c = cell(a, 5);
        yield points(c, "mean") + " ± " + points(c, "std") + " (" + c.get("seeds") + ")";
      }
      case "mean", "std" -> points(cell(a, 5), verb);
      case "seeds" -> cell(a, 5).get("seeds");
      case "grid" -> "`" + cell(a, 5).get("grid_point").replace('`', '\'') + "`";
      case "gap" -> {
        args(a, 6, "S SEL B T M1 M2");
        SweepResults s = sweep(a[0]);
        double gap = number(s.cell(a[1], a[2], a[4], a[3]), "mean") - number(s.cell(a[1], a[2], a[5], a[3]), "mean");
        yield String.format(Locale.ROOT, "%+.1f", gap);
      }
      case "majority" -> {
        args(a, 3, "S SEL T");
        yield points(sweep(a[0]).taskCell(a[1], a[2]), "majority");
      }
      case "per-example" -> {
        args(a, 3, "S SEL T");
        yield String.format(Locale.ROOT, "%.2f", number(sweep(a[0]).taskCell(a[1], a[2]), "points_per_example"));
      }
      case "best-epochs" -> bestEpochs(trials(a));
      case "trainable" -> {
        Set<String> counts = new TreeSet<>();
        trials(a).forEach(t -> counts.add(String.format(Locale.ROOT, "%,d", (long) number(t, "trainable_parameters"))));
        yield String.join(" / ", counts);
      }
      case "trial-minutes" -> String.format(Locale.ROOT, "%.1f",
          trials(a).stream().mapToDouble(t -> number(t, "seconds")).average().orElseThrow() / 60);
      case "trials" -> {
        if (a.length < 1 || a.length > 2) {
          throw new IllegalArgumentException("expected S [STATUS]");
        }
        yield Long.toString(sweep(a[0]).trials().rows().stream()
            .filter(t -> a.length == 1 || t.get("status").equals(a[1])).count());
      }
      case "trial-epochs" -> {
        args(a, 1, "S");
        yield Long.toString(trialEpochs(sweep(a[0])));
      }
      case "trial-epochs-ratio" -> {
        args(a, 2, "S1 S2");
        yield String.format(Locale.ROOT, "%.1f", (double) trialEpochs(sweep(a[0])) / trialEpochs(sweep(a[1])));
      }
      case "rerun" -> {
        args(a, 6, "S SEL B M T R");
        yield rerun(sweep(a[0]).cell(a[1], a[2], a[3], a[4]), a[1], sweep(a[5]), a[2], a[3], a[4]);
      }
      case "curves" -> {
        args(a, 6, "S B M T KEYS EPOCHS");
        yield curves(trials(Arrays.copyOf(a, 4)), List.of(a[4].split(",")),
            Arrays.stream(a[5].split(",")).map(Integer::parseInt).toList());
      }
      case "grid-means" -> {
        args(a, 5, "S B M T KEYS");
        yield gridMeans(trials(Arrays.copyOf(a, 4)), List.of(a[4].split(",")));
      }
      case "rank-correlation" -> {
        args(a, 5, "S B M T EPOCH");
        int epoch = Integer.parseInt(a[4]);
        List<Map<String, String>> finished = trials(Arrays.copyOf(a, 4)).stream()
            .filter(t -> Set.of("COMPLETED", "DIVERGED").contains(t.get("status"))).toList();
        double[] early = finished.stream().mapToDouble(t -> bestUpTo(t, epoch)).toArray();
        double[] last = finished.stream().mapToDouble(t -> number(t, "dev_score")).toArray();
        double rho = Correlation.spearman(early, last);
        if (Double.isNaN(rho)) {
          throw new IllegalArgumentException("rank correlation is undefined: the scores up to epoch " + epoch
              + " or the final ones are all equal");
        }
        yield String.format(Locale.ROOT, "%.2f", rho);
      }
      case "idle" -> {
        args(a, 1, "S");
        yield idle(sweep(a[0]));
      }
      case "run" -> {
        args(a, 2, "S FIELD");
        yield runField(sweep(a[0]), a[1]);
      }
      case "table" -> {
        args(a, 2, "S FILE");
        Path file = sweep(a[0]).dir().resolve("tables").resolve(a[1]);
        try {
          yield Files.readString(file).strip();
        } catch (IOException e) {
          throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
        }
      }
      case "figure" -> {
        args(a, 2, "S NAME");
        SweepResults s = sweep(a[0]);
        if (!Files.isRegularFile(s.dir().resolve("plots").resolve(a[1] + ".svg"))) {
          throw new IllegalArgumentException("no figure " + s.dir().resolve("plots").resolve(a[1] + ".svg"));
        }
        yield "![" + a[0] + ": " + a[1] + "](" + linkBase + "/" + a[0] + "/plots/" + a[1] + ".svg)";
      }
      default -> throw new IllegalArgumentException("unknown verb '" + verb + "'; known: cell, mean, std, "
          + "seeds, grid, gap, majority, per-example, best-epochs, trainable, trial-minutes, trials, trial-epochs, "
          + "trial-epochs-ratio, rerun, curves, grid-means, rank-correlation, idle, run, table, figure");
    };
  }

  private Map<String, String> cell(String[] a, int n) {
    args(a, n, "S SEL B M T");
    return sweep(a[0]).cell(a[1], a[2], a[3], a[4]);
  }

  private List<Map<String, String>> trials(String[] a) {
    args(a, 4, "S B M T");
    List<Map<String, String>> trials = sweep(a[0]).trialsOf(a[1], a[2], a[3]);
    if (trials.isEmpty()) {
      throw new IllegalArgumentException("sweep " + a[0] + " has no trials of " + a[1] + " " + a[2] + " " + a[3]);
    }
    return trials;
  }

  private static String curves(List<Map<String, String>> trials, List<String> keys, List<Integer> epochs) {
    StringBuilder table = new StringBuilder("| " + String.join(" | ", keys) + " | status | epochs trained | ");
    epochs.forEach(e -> table.append("best dev to epoch ").append(e).append(" | "));
    table.append("best dev (epoch) |\n|").append("---|".repeat(keys.size() + 3 + epochs.size())).append('\n');
    List<Map<String, String>> sorted = new ArrayList<>(trials);
    sorted.sort(Comparator.comparingDouble((Map<String, String> t) -> number(t, "dev_score")).reversed());
    for (Map<String, String> t : sorted) {
      table.append("| ");
      keys.forEach(k -> table.append(t.getOrDefault(k, "")).append(" | "));
      table.append(t.get("status")).append(" | ").append(t.get("epochs_run")).append(" | ");
      for (int e : epochs) {
        table.append(e > integer(t, "epochs_run") ? "–" : String.format(Locale.ROOT, "%.1f", 100 * bestUpTo(t, e)))
            .append(" | ");
      }
      table.append(String.format(Locale.ROOT, "%.1f (%s) |%n", 100 * number(t, "dev_score"), t.get("best_epoch")));
    }
    return table.toString().strip();
  }

  /** The trials' best epochs as "lo-hi of N" ("k of N" when all are equal), N the most any trained. */
  private static String bestEpochs(List<Map<String, String>> trials) {
    IntSummaryStatistics best = trials.stream().mapToInt(t -> integer(t, "best_epoch")).summaryStatistics();
    IntSummaryStatistics of = trials.stream().mapToInt(t -> integer(t, "epochs_run")).summaryStatistics();
    return (best.getMin() == best.getMax() ? "" + best.getMin() : best.getMin() + "-" + best.getMax())
        + " of " + of.getMax();
  }

  private static String gridMeans(List<Map<String, String>> trials, List<String> keys) {
    // One group per grid point; values compared as numbers where they are ("2.0E-2" is "0.02").
    Map<List<String>, List<Map<String, String>>> points = new LinkedHashMap<>();
    for (Map<String, String> t : trials) {
      if (!Set.of("COMPLETED", "DIVERGED").contains(t.get("status"))) {
        continue;
      }
      List<String> point = keys.stream().map(k -> t.getOrDefault(k, "")).toList();
      List<String> same = points.keySet().stream()
          .filter(p -> IntStream.range(0, keys.size()).allMatch(i -> sameValue(p.get(i), point.get(i))))
          .findFirst().orElse(point);
      points.computeIfAbsent(same, p -> new ArrayList<>()).add(t);
    }
    if (points.isEmpty()) {
      throw new IllegalArgumentException("no finished trial of " + trials.get(0).get("backbone") + " "
          + trials.get(0).get("method") + " " + trials.get(0).get("task"));
    }
    List<Map.Entry<List<String>, SeedStats>> rows = new ArrayList<>();
    points.forEach((point, group) -> rows.add(Map.entry(point,
        SeedStats.of(group.stream().map(t -> 100 * number(t, "dev_score")).toList()))));
    rows.sort(Comparator.comparingDouble((Map.Entry<List<String>, SeedStats> r) -> r.getValue().mean()).reversed());
    StringBuilder table = new StringBuilder("| " + String.join(" | ", keys) + " | best dev, mean ± std (seeds) | best epochs |\n|")
        .append("---|".repeat(keys.size() + 2)).append('\n');
    for (Map.Entry<List<String>, SeedStats> row : rows) {
      SeedStats stats = row.getValue();
      table.append("| ").append(String.join(" | ", row.getKey()))
          .append(String.format(Locale.ROOT, " | %.1f ± %.1f (%d) | ", stats.mean(), stats.std(), stats.n()))
          .append(bestEpochs(points.get(row.getKey()))).append(" |\n");
    }
    return table.toString().strip();
  }

  /** The trial's best dev score over its first {@code epoch} epochs (its dev_scores curve). */
  private static double bestUpTo(Map<String, String> trial, int epoch) {
    List<Double> curve = Arrays.stream(trial.get("dev_scores").split(";")).map(Double::parseDouble).toList();
    if (epoch < 1 || epoch > curve.size()) {
      throw new IllegalArgumentException("trial " + trial.get("trial_id") + " has no epoch " + epoch + " (it ran "
          + curve.size() + ")");
    }
    return curve.subList(0, epoch).stream().mapToDouble(Double::doubleValue).max().orElseThrow();
  }

  private static final Pattern SLOT_USAGE = Pattern.compile(
      "rungs: ([0-9.]+) s on (\\d+) slot\\(s\\): trials trained [0-9.]+ slot-s, idle ([0-9.]+) slot-s \\((\\d+)%\\)");

  private static String idle(SweepResults s) {
    Path console = s.dir().resolve("console.txt");
    List<String> lines;
    try {
      lines = Files.readAllLines(console);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + console + ": " + e.getMessage(), e);
    }
    Matcher last = null;
    for (String line : lines) {
      Matcher m = SLOT_USAGE.matcher(line);
      if (m.find()) {
        last = m;
      }
    }
    if (last == null) {
      throw new IllegalArgumentException(console + " has no scheduler slot-usage line (\"rungs: W s on N slot(s): ...\")");
    }
    return last.group(3) + " slot-s of " + last.group(2) + " x " + last.group(1) + " s (" + last.group(4) + "%)";
  }

  private static long trialEpochs(SweepResults s) {
    return s.trials().rows().stream().mapToLong(t -> integer(t, "epochs_run")).sum();
  }

  /** The cell's grid point ("{lr=0.03, prefix_len=16}") scored over sweep R's trials of it. */
  private static String rerun(Map<String, String> cell, String selection, SweepResults r, String backbone,
      String method, String task) {
    String column = switch (selection) {
      case "selected-on-dev" -> "dev_score";
      case "selected-on-dev-test" -> "test_score";
      default -> throw new IllegalArgumentException("rerun scores selected-on-dev or selected-on-dev-test, not " + selection);
    };
    Map<String, String> point = gridPoint(cell.get("grid_point"));
    List<Double> scores = r.trialsOf(backbone, method, task).stream()
        .filter(t -> Set.of("COMPLETED", "DIVERGED").contains(t.get("status")))
        .filter(t -> point.entrySet().stream().allMatch(p -> sameValue(p.getValue(), t.get(p.getKey()))))
        .map(t -> 100 * number(t, column))
        .toList();
    if (scores.isEmpty()) {
      throw new IllegalArgumentException("sweep " + r.name() + " has no finished trial of " + backbone + " "
          + method + " " + task + " at " + cell.get("grid_point"));
    }
    SeedStats stats = SeedStats.of(scores);   // as the tables: sample std (n - 1)
    return String.format(Locale.ROOT, "%.1f ± %.1f (%d)", stats.mean(), stats.std(), stats.n());
  }

  /** "{k=v, k=v}" as the tables write a grid point (its values hold no ", "). */
  private static Map<String, String> gridPoint(String text) {
    String body = text.strip();
    if (!body.startsWith("{") || !body.endsWith("}")) {
      throw new IllegalArgumentException("not a grid point: " + text);
    }
    Map<String, String> point = new LinkedHashMap<>();
    for (String pair : body.substring(1, body.length() - 1).split(", ")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        point.put(pair.substring(0, eq), pair.substring(eq + 1));
      }
    }
    return point;
  }

  /** Numbers compare as numbers ("0.03" = "3.0E-2"), anything else as text. */
  private static boolean sameValue(String expected, String actual) {
    if (actual == null) {
      return false;
    }
    try {
      return Double.parseDouble(expected) == Double.parseDouble(actual);
    } catch (NumberFormatException e) {
      return expected.equals(actual);
    }
  }

  private SweepResults sweep(String name) {
    return sweeps.computeIfAbsent(name, n -> SweepResults.load(n, resultsRoot.resolve(n)));
  }

  private static String runField(SweepResults s, String field) {
    JsonNode run = s.run();
    JsonNode sessions = run.path("sessions");
    return switch (field) {
      case "command", "commit", "config" -> text(run, field);
      case "sessions" -> Integer.toString(sessions.size());
      case "java_opts" -> {
        Set<String> opts = new LinkedHashSet<>();
        sessions.forEach(session -> opts.add(text(session, "java_opts")));
        yield String.join("; ", opts);
      }
      case "ran_commits" -> {
        Set<String> commits = new LinkedHashSet<>();
        sessions.forEach(session -> commits.add(text(session, "commit")));
        yield String.join(", ", commits);
      }
      case "args" -> {
        Set<String> args = new LinkedHashSet<>();
        sessions.forEach(session -> args.add(session.path("args").asText("").replace("|", "\\|")));
        args.remove("");
        yield args.isEmpty() ? "none" : String.join("; ", args);
      }
      case "started" -> text(sessions.path(0), "started");
      case "finished" -> text(sessions.path(sessions.size() - 1), "finished");
      case "wall" -> {
        long seconds = 0;
        for (JsonNode session : sessions) {
          seconds += session.path("seconds").asLong();
        }
        yield duration(seconds);
      }
      case "load" -> {
        double sum = 0;
        int n = 0;
        for (JsonNode session : sessions) {
          for (JsonNode sample : session.path("load_average_per_minute")) {
            sum += sample.asDouble();
            n++;
          }
        }
        yield n == 0 ? "–" : String.format(Locale.ROOT, "%.1f", sum / n);
      }
      case "machine" -> {
        JsonNode m = run.path("machine");
        yield text(m, "cpu") + ", " + m.path("cores").asInt() + " cores, " + m.path("memory_gib").asInt()
            + " GiB, " + text(m, "java");
      }
      default -> throw new IllegalArgumentException("unknown run field '" + field + "'; known: wall, started, "
          + "finished, command, commit, ran_commits, config, machine, sessions, java_opts, args, load");
    };
  }

  static String duration(long seconds) {
    long minutes = Math.round(seconds / 60.0);
    return minutes < 60 ? minutes + " min" : minutes / 60 + " h " + minutes % 60 + " min";
  }

  private static String text(JsonNode node, String field) {
    if (!node.hasNonNull(field)) {
      throw new IllegalArgumentException("run.json has no " + field);
    }
    return node.get(field).asText().replace("|", "\\|");
  }

  private static String points(Map<String, String> row, String column) {
    return String.format(Locale.ROOT, "%.1f", number(row, column));
  }

  private static double number(Map<String, String> row, String column) {
    String v = row.get(column);
    if (v == null || v.isEmpty()) {
      throw new IllegalArgumentException("no " + column + " in " + row);
    }
    return Double.parseDouble(v);
  }

  private static int integer(Map<String, String> row, String column) {
    return (int) number(row, column);
  }

  private static void args(String[] a, int n, String usage) {
    if (a.length != n) {
      throw new IllegalArgumentException("expected " + usage + ", got " + a.length + " argument(s)");
    }
  }
}
