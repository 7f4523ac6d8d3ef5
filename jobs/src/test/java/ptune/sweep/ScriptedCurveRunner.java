package ptune.sweep;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import ptune.trial.EpochMetrics;
import ptune.trial.Hyperparameters;
import ptune.trial.TrialEnvironment;
import ptune.trial.TrialResult;
import ptune.trial.TrialRunner;
import ptune.trial.TrialSpec;
import ptune.trial.TrialStatus;

/**
 * A trial with a scripted learning curve, for the scheduler's tests: dev score after epoch e is
 * {@code (0.3 + 0.005 * prefix_len + swing) * (1 - 0.5^e)}, where prefix_len 32 swings by +0.3 on
 * seed 1 and -0.6 on seed 2 (its best seed beats every other point, its mean does not). It honours
 * the environment's epoch limit like the real runner (STOPPED before its last epoch) and "resumes":
 * each run appends "trial_id first last" to {@code run_log} and starts after the last epoch an
 * earlier run of the trial logged. While the file {@code fail_continuing_while} exists, a run of a
 * {@code rte} trial that continues (first epoch > 1) throws. {@code sleep_ms}: how long each run takes.
 */
public class ScriptedCurveRunner implements TrialRunner {

  @Override
  public TrialResult run(TrialSpec spec, TrialEnvironment env) {
    Path log = Path.of(spec.get("run_log", null));
    int epochs = Hyperparameters.EPOCHS.read(spec);
    int first = lastLogged(log, spec.trialId()) + 1;
    String blocker = spec.get("fail_continuing_while", null);
    if (first > 1 && spec.task().equals("rte") && blocker != null && Files.exists(Path.of(blocker))) {
      throw new IllegalStateException("scripted failure while " + blocker + " exists");
    }
    int last = env.untilEpoch() == 0 ? epochs : Math.min(env.untilEpoch(), epochs);
    sleep(spec.getInt("sleep_ms", 0));
    // Logged once trained, as a saved state would be: a run killed before it trains again.
    append(log, spec.trialId() + " " + first + " " + last + "\n");
    List<EpochMetrics> history = new ArrayList<>();
    int best = 0;
    for (int e = 1; e <= last; e++) {
      double score = score(spec, e);
      history.add(new EpochMetrics(e, 1.0 / e, score, Map.of("accuracy", score), 0.01));
      if (best == 0 || score > history.get(best - 1).devScore()) {
        best = e;
      }
    }
    TrialStatus status = last < epochs ? TrialStatus.STOPPED : TrialStatus.COMPLETED;
    return TrialResult.builder(spec, status)
        .metricName("accuracy").epochs(history)
        .best(best, history.get(best - 1).devScore(), Map.of("accuracy", history.get(best - 1).devScore()))
        .heldOutMetrics(Map.of("accuracy", history.get(best - 1).devScore()))
        .majorityBaseline(0.5).devSize(100).parameters(1000, 100_000).seconds(0.01)
        .examplesPerSecond(1000).device(env.device()).resumedEpochs(first - 1).build();
  }

  static double score(TrialSpec spec, int epoch) {
    int prefix = spec.getInt("prefix_len", 0);
    double swing = prefix != 32 ? 0 : spec.seed() == 1 ? 0.3 : -0.6;
    return (0.3 + 0.005 * prefix + swing) * (1 - Math.pow(0.5, epoch));
  }

  /** The last epoch an earlier run of the trial trained, from the run log (0: none). */
  static int lastLogged(Path log, String trialId) {
    try {
      if (!Files.exists(log)) {
        return 0;
      }
      return Files.readAllLines(log).stream().map(l -> l.split(" ")).filter(f -> f[0].equals(trialId))
          .mapToInt(f -> Integer.parseInt(f[2])).max().orElse(0);
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

  private static void append(Path file, String text) {
    try {
      Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
