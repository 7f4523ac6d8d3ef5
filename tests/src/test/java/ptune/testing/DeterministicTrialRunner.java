package ptune.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import ptune.featurestore.FeatureSetKey;
import ptune.featurestore.StoredFeatureSet;
import ptune.trial.EpochMetrics;
import ptune.trial.TrialEnvironment;
import ptune.trial.TrialResult;
import ptune.trial.TrialRunner;
import ptune.trial.TrialSpec;
import ptune.trial.TrialStatus;

/**
 * A real but cheap trial runner for the pipeline tests: dev scores are a deterministic function of
 * the trial spec (method, learning rate, prompt length, seed), so tables can be recomputed by the
 * tests. Test-only hyperparameters script its behaviour: {@code outcome} (ok | throw | diverge),
 * {@code fail_while_exists} (a file: the trial throws while it exists, a cause a user can fix),
 * {@code sleep_ms} (per trial), {@code invocation_log} (a file it appends the trial id to). Like
 * the real runner it loads the stored feature set of its key when there is one (the pipeline tests
 * check from the result rows that executors read the shards preprocessing wrote).
 */
public class DeterministicTrialRunner implements TrialRunner {

  private static final Map<String, Integer> DEV_SIZE = Map.of("cb", 56, "rte", 277);
  private static final Map<String, Double> MAJORITY = Map.of("cb", 0.5, "rte", 0.527);

  @Override
  public TrialResult run(TrialSpec spec, TrialEnvironment env) {
    String log = spec.get("invocation_log", null);
    if (log != null) {
      append(Path.of(log), spec.trialId() + "\n");
    }
    sleep(spec.getInt("sleep_ms", 0));
    String outcome = spec.get("outcome", "ok");
    if (outcome.equals("throw")) {
      throw new IllegalStateException("scripted failure of trial " + spec.trialId());
    }
    String blocker = spec.get("fail_while_exists", null);
    if (blocker != null && Files.exists(Path.of(blocker))) {
      throw new IllegalStateException("scripted failure while " + blocker + " exists");
    }
    Random random = new Random(spec.seed() * 1_000_003L + spec.trialId().hashCode());
    double base = switch (spec.method()) {
      case "ft" -> 0.70;
      case "pt" -> 0.55;
      default -> 0.72;
    };
    double target = base + 0.02 * Math.log1p(spec.getInt("prefix_len", 0)) - 2 * Math.abs(spec.getDouble("lr", 0.01) - 0.01);
    int epochs = spec.getInt("epochs", 3);
    List<EpochMetrics> history = new ArrayList<>();
    int best = 0;
    double bestScore = Double.NEGATIVE_INFINITY;
    boolean diverged = false;
    for (int e = 1; e <= epochs; e++) {
      if (outcome.equals("diverge") && e == 2) {
        diverged = true;
        break;
      }
      double score = Math.min(1, target * (1 - Math.pow(0.5, e)) + 0.03 * random.nextDouble());
      EpochMetrics m = new EpochMetrics(e, 1.0 / e, score, Map.of("accuracy", score), 0.01);
      history.add(m);
      env.listener().epochFinished(spec, m, 1000);
      if (score > bestScore) {
        bestScore = score;
        best = e;
      }
    }
    append(env.checkpointDir().resolve("prompt.bin"), "prefix of " + spec.trialId());
    String features = storedFeatures(spec, env);
    double last = history.get(history.size() - 1).devScore();
    return TrialResult.builder(spec, diverged ? TrialStatus.DIVERGED : TrialStatus.COMPLETED)
        .metricName("accuracy").epochs(history).best(best, bestScore, Map.of("accuracy", bestScore))
        .heldOutMetrics(Map.of("accuracy", last - 0.01)).majorityBaseline(MAJORITY.getOrDefault(spec.task(), 0.5))
        .devSize(DEV_SIZE.getOrDefault(spec.task(), 100))
        .parameters(spec.method().equals("ft") ? 22_000_000L : 50_000L, 22_000_000L).seconds(0.05)
        .examplesPerSecond(1000).device(env.device()).features(features)
        .error(diverged ? "loss became NaN at epoch 2" : null).build();
  }

  /** "stored LOCATION (N train, M dev)" when preprocessing stored this trial's features. */
  private static String storedFeatures(TrialSpec spec, TrialEnvironment env) {
    FeatureSetKey key = new FeatureSetKey(spec.task(), spec.backbone(), spec.getInt("max_len", 128),
        FeatureSetKey.CLASSIFIER);
    try {
      StoredFeatureSet stored = StoredFeatureSet.load(env.features(), key);
      return stored == null ? "tokenized in the trial: no stored features at " + env.features().location(key)
          : "stored " + stored.location() + " (" + stored.size("train") + " train, " + stored.size("dev") + " dev)";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void append(Path file, String text) {
    try {
      Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void sleep(int millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
