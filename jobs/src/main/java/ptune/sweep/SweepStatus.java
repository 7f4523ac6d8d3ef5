package ptune.sweep;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Where a running sweep stands: trials done / running / failed / diverged among those this
 * invocation runs, the best dev score so far per task and method, elapsed time and an ETA (the
 * mean time per finished trial so far, times the trials left).
 *
 * @param best best dev score (a fraction) per row label ("task", or "backbone task" when the
 *     finished trials have several backbones), then per method
 */
record SweepStatus(String sweep, int total, int done, int running, int failed, int diverged,
    Map<String, Map<String, Double>> best, Duration elapsed) {

  static SweepStatus of(String sweep, int total, List<FinishedTrial> finished, int running, Duration elapsed) {
    boolean severalBackbones = finished.stream().map(FinishedTrial::backbone).distinct().count() > 1;
    Map<String, Map<String, Double>> best = new TreeMap<>();
    for (FinishedTrial t : finished) {
      if (t.devScore() != null && Double.isFinite(t.devScore()) && !t.failed()) {
        String row = severalBackbones ? t.backbone() + " " + t.task() : t.task();
        best.computeIfAbsent(row, r -> new TreeMap<>()).merge(t.method(), t.devScore(), Math::max);
      }
    }
    int failed = (int) finished.stream().filter(FinishedTrial::failed).count();
    int diverged = (int) finished.stream().filter(FinishedTrial::diverged).count();
    return new SweepStatus(sweep, total, finished.size(), running, failed, diverged, best, elapsed);
  }

  Optional<Duration> eta() {
    if (done == 0) {
      return Optional.empty();
    }
    return Optional.of(elapsed.dividedBy(done).multipliedBy(Math.max(0, total - done)));
  }

  /** What changes the plain output: a status is printed again when this changes. */
  List<Integer> counts() {
    return List.of(done, failed, diverged);
  }

  /** The block on a terminal: the counts and times, then one short line of best scores per task. */
  List<String> terminalLines() {
    List<String> lines = new ArrayList<>();
    lines.add(headline());
    int width = best.keySet().stream().mapToInt(String::length).max().orElse(0);
    best.forEach((row, methods) -> lines.add(String.format(Locale.ROOT, "  %-" + width + "s  best dev %s", row, scores(methods))));
    return lines;
  }

  /** One line for logs and pipes. */
  String plainLine() {
    StringBuilder s = new StringBuilder(headline());
    if (!best.isEmpty()) {
      s.append("; best dev ");
      List<String> rows = new ArrayList<>();
      best.forEach((row, methods) -> rows.add(row + ": " + scores(methods)));
      s.append(String.join("; ", rows));
    }
    return s.toString();
  }

  private String headline() {
    return String.format(Locale.ROOT, "[%s] %d/%d trials done, %d running, %d failed, %d diverged | elapsed %s, ETA %s",
        sweep, done, total, running, failed, diverged, format(elapsed), eta().map(SweepStatus::format).orElse("?"));
  }

  private static String scores(Map<String, Double> methods) {
    List<String> parts = new ArrayList<>();
    methods.forEach((method, score) -> parts.add(String.format(Locale.ROOT, "%s %.1f", method, score * 100)));
    return String.join("  ", parts);
  }

  static String format(Duration d) {
    return d.toHours() > 0 ? String.format(Locale.ROOT, "%dh%02dm", d.toHours(), d.toMinutesPart())
        : String.format(Locale.ROOT, "%dm%02ds", d.toMinutes(), d.toSecondsPart());
  }
}
