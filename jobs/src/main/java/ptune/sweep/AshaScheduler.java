package ptune.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import ptune.results.RungDecisionLog;
import ptune.results.RungDecisionLog.Decision;
import ptune.trial.Hyperparameters;
import ptune.trial.TrialSpec;
import ptune.trial.TrialStatus;

/**
 * Successive halving across the trials of a sweep, decided on the driver from the recorded results
 * (synchronous per rung of a bracket; brackets advance independently, and every trial that can
 * train now is in the same Spark job).
 *
 * <p>A bracket is the trials of one (backbone, method, task). Its rungs are the epochs G, G*eta,
 * G*eta^2, ... below the bracket's epochs, then its epochs. Every trial first trains to the first
 * rung and stops there ({@link TrialStatus#STOPPED}, its training state kept). When all trials
 * alive at a rung have reached it, the bracket's grid points are ranked by their score at the rung,
 * averaged over the point's seeds (a point's seeds continue or stop together, so the tables' mean
 * +- std over seeds keeps its meaning), and the top 1/eta (at least one) continue, as new Spark tasks
 * that resume from their saved state, to the next rung. The others stay STOPPED. The score is the
 * best dev score up to the rung's epoch (from the recorded curve) or, with {@code metric: held_out},
 * the held-out score of the epoch held-out selection picked so far.
 *
 * <p>Each decision is written to the {@link RungDecisionLog} before any promoted trial trains on;
 * a rerun reads it, so the promotions stay the same (none repeated, none lost) after the driver is
 * killed. A trial of the rung that failed (or is missing) holds its bracket at that rung: the rung
 * is decided only when every alive trial has a score, on this run or a rerun that retries it.
 */
final class AshaScheduler {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final SweepConfig.SchedulerConfig config;
  private final RungDecisionLog log;

  AshaScheduler(SweepConfig.SchedulerConfig config, RungDecisionLog log) {
    this.config = config;
    this.log = log;
  }

  /**
   * What to train next: trial to the epoch it trains to (0: all its epochs), and one line per
   * bracket and rung for the console. Rungs decided while planning are in the log already.
   */
  record Plan(Map<TrialSpec, Integer> runs, List<String> rungLines) {}

  /** The rung epochs of a bracket whose trials train {@code epochs}: G, G*eta, ... below it, then it. */
  List<Integer> rungs(int epochs) {
    List<Integer> rungs = new ArrayList<>();
    for (long e = config.graceEpochs(); e < epochs; e *= config.reductionFactor()) {
      rungs.add((int) e);
    }
    rungs.add(epochs);
    return rungs;
  }

  /** @param rows trial id to its recorded result row (JSON), as {@link ptune.results.TrialResultStore#scan} reads them */
  Plan plan(List<TrialSpec> trials, Map<String, String> rows) {
    Map<TrialSpec, Integer> runs = new LinkedHashMap<>();
    List<String> lines = new ArrayList<>();
    Map<String, List<TrialSpec>> brackets = trials.stream().collect(Collectors.groupingBy(
        AshaScheduler::bracket, TreeMap::new, Collectors.toList()));
    brackets.forEach((bracket, members) -> planBracket(bracket, members, rows, runs, lines));
    return new Plan(runs, lines);
  }

  private void planBracket(String bracket, List<TrialSpec> members, Map<String, String> rows,
      Map<TrialSpec, Integer> runs, List<String> lines) {
    Map<String, List<TrialSpec>> byPoint = members.stream().collect(Collectors.groupingBy(
        AshaScheduler::gridPoint, LinkedHashMap::new, Collectors.toList()));
    int epochs = members.stream().mapToInt(AshaScheduler::epochsOf).max().orElseThrow();
    List<Integer> rungs = rungs(epochs);
    Set<String> alive = new LinkedHashSet<>(byPoint.keySet());
    for (int k = 0; k < rungs.size(); k++) {
      int epoch = rungs.get(k);
      boolean last = k == rungs.size() - 1;
      List<TrialSpec> pending = alive.stream().flatMap(p -> byPoint.get(p).stream())
          .filter(t -> !reached(rows.get(t.trialId()), Math.min(epoch, epochsOf(t)))).toList();
      Optional<Decision> recorded = last ? Optional.empty() : log.read(bracket, k);
      if (recorded.isEmpty() && !pending.isEmpty()) {
        pending.forEach(t -> runs.put(t, last || epoch >= epochsOf(t) ? 0 : epoch));
        int trained = alive.stream().mapToInt(p -> byPoint.get(p).size()).sum() - pending.size();
        lines.add(String.format(Locale.ROOT, "%s rung %d (epoch %d): %d grid points, %d of %d trials trained",
            bracket, k + 1, epoch, alive.size(), trained, trained + pending.size()));
        return;
      }
      if (last) {
        lines.add(String.format(Locale.ROOT, "%s rung %d (epoch %d): %d grid points trained to the end, %s",
            bracket, k + 1, epoch, alive.size(), best(alive, byPoint, rows, epoch)));
        return;
      }
      Decision decision = recorded.isPresent() ? recorded.get() : decide(bracket, k, epoch, alive, byPoint, rows);
      if (!decision.scores().keySet().equals(alive)) {
        throw new IllegalStateException("the scheduler's decision for " + bracket + " rung " + (k + 1)
            + " ranked other grid points than the sweep has now (" + decision.scores().keySet() + " vs " + alive
            + "): the grid changed since; run with --force to start the sweep's trials again");
      }
      // A decided rung whose stopped trial has lost its row (a damaged part set aside): it trains to
      // the rung again, so its curve is recorded; a promoted one trains on to the next rung below.
      pending.stream().filter(t -> !decision.promoted().contains(gridPoint(t))).forEach(t -> runs.put(t, epoch));
      if (recorded.isEmpty()) {
        log.write(decision);
      }
      Map.Entry<String, Double> top = decision.scores().entrySet().stream()
          .max(Map.Entry.comparingByValue()).orElseThrow();
      lines.add(String.format(Locale.ROOT, "%s rung %d (epoch %d): %d grid points, %d promoted, %d stopped, best %.1f (%s)",
          bracket, k + 1, epoch, alive.size(), decision.promoted().size(), alive.size() - decision.promoted().size(),
          100 * top.getValue(), top.getKey()));
      alive = new LinkedHashSet<>(decision.promoted());
    }
  }

  private Decision decide(String bracket, int k, int epoch, Set<String> alive, Map<String, List<TrialSpec>> byPoint,
      Map<String, String> rows) {
    Map<String, Double> scores = new LinkedHashMap<>();
    for (String point : alive) {
      scores.put(point, byPoint.get(point).stream()
          .mapToDouble(t -> score(rows.get(t.trialId()), epoch)).average().orElseThrow());
    }
    int keep = Math.max(1, alive.size() / config.reductionFactor());
    // Best first; ties keep the grid's order (the sort is stable), so a decision is reproducible.
    List<String> promoted = scores.entrySet().stream()
        .sorted(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder()))
        .limit(keep).map(Map.Entry::getKey).toList();
    return new Decision(bracket, k, epoch, config.metric(), scores, promoted);
  }

  private String best(Set<String> alive, Map<String, List<TrialSpec>> byPoint, Map<String, String> rows, int epoch) {
    return alive.stream()
        .map(p -> Map.entry(p, byPoint.get(p).stream().mapToDouble(t -> score(rows.get(t.trialId()), epoch)).average().orElseThrow()))
        .max(Map.Entry.comparingByValue())
        .map(e -> String.format(Locale.ROOT, "best %.1f (%s)", 100 * e.getValue(), e.getKey())).orElse("");
  }

  /**
   * The trial's recorded row has trained to {@code epoch}: it stopped there or later (STOPPED or
   * TIMED_OUT), or ended for good (COMPLETED, also by patience before it, or DIVERGED).
   */
  static boolean reached(String row, int epoch) {
    if (row == null) {
      return false;
    }
    JsonNode node = parse(row);
    TrialStatus status = TrialStatus.valueOf(node.get("status").asText());
    if (status.done()) {
      return true;
    }
    return (status == TrialStatus.STOPPED || status == TrialStatus.TIMED_OUT)
        && node.path("epochs_run").asInt(0) >= epoch;
  }

  /** The trial's score at the rung of {@code epoch}; -infinity without one (it ranks last). */
  double score(String row, int epoch) {
    JsonNode node = parse(row);
    if (config.metric().equals(SweepConfig.SchedulerConfig.HELD_OUT)) {
      JsonNode heldOut = node.get("held_out_score");
      return heldOut == null || !heldOut.isNumber() ? Double.NEGATIVE_INFINITY : heldOut.asDouble();
    }
    double best = Double.NEGATIVE_INFINITY;
    JsonNode dev = node.path("dev_scores");
    for (int i = 0; i < Math.min(epoch, dev.size()); i++) {
      if (dev.get(i).isNumber() && !Double.isNaN(dev.get(i).asDouble())) {
        best = Math.max(best, dev.get(i).asDouble());
      }
    }
    return best;
  }

  static String bracket(TrialSpec t) {
    return t.backbone() + " " + t.method() + " " + t.task();
  }

  /** The trial's hyperparameters: what its seeds share. */
  static String gridPoint(TrialSpec t) {
    return t.hyperparameters().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining(","));
  }

  static int epochsOf(TrialSpec t) {
    return Hyperparameters.EPOCHS.read(t);
  }

  private static JsonNode parse(String row) {
    try {
      return JSON.readTree(row);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("unreadable result row: " + e.getMessage(), e);
    }
  }
}
