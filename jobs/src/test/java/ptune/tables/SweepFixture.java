package ptune.tables;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.spark.sql.SparkSession;
import ptune.results.SweepLayout;
import ptune.results.TrialResultStore;
import ptune.results.TrialRow;
import ptune.results.TrialTable;
import ptune.trial.EpochMetrics;
import ptune.trial.TrialResult;
import ptune.trial.TrialSpec;
import ptune.trial.TrialStatus;

/**
 * A sweep's trial results written the way a sweep writes them (one JSON part per trial from
 * {@link TrialRow#toJson}, a checkpoint directory per trial), then consolidated by
 * {@link TrialTable} and read back as {@link TrialRecord}s: the aggregate step's real input without
 * a training run. Scores are made up but shaped like real ones (dev accuracy on 56 examples, rising
 * over epochs, spread over seeds).
 */
final class SweepFixture {

  static final int DEV_SIZE = 56;

  /** One trial to write. */
  record Trial(String backbone, String method, String task, long seed, Map<String, ?> hp, TrialStatus status,
      double[] devPerEpoch, long totalParameters, String error) {}

  private final List<Trial> trials = new ArrayList<>();
  private double examplesPerSecond = 30.0;
  private double throughputSpread = 0;

  SweepFixture add(Trial t) {
    trials.add(t);
    return this;
  }

  /**
   * Two backbones (one the paper's, so published numbers apply), FT / PT / PT-2 on CB and RTE, three
   * seeds, two learning rates for FT and two prompt lengths for PT-2, one failed and one diverged trial.
   */
  static SweepFixture paperLike() {
    SweepFixture f = new SweepFixture();
    Map<String, Long> sizes = Map.of("minilm-l6", 22_713_216L, "bert-large-cased", 333_579_264L);
    // The paper's ordering: PT-2 close to FT, PT behind; the large backbone well ahead of the small one.
    Map<String, Double> method = Map.of("ft", 0.0, "pt", -0.09, "pt2", 0.01);
    Map<String, Double> task = Map.of("cb", 0.70, "rte", 0.57);
    Map<String, Double> backboneGain = Map.of("minilm-l6", 0.0, "bert-large-cased", 0.14);
    for (String backbone : List.of("minilm-l6", "bert-large-cased")) {
      for (String m : List.of("ft", "pt", "pt2")) {
        for (String t : List.of("cb", "rte")) {
          List<Map<String, Object>> points = new ArrayList<>();
          switch (m) {
            case "ft" -> {
              points.add(hp("lr", 5e-5));
              points.add(hp("lr", 2e-5));
            }
            case "pt" -> points.add(hp("lr", 1e-2, "prefix_len", 8));
            default -> {
              points.add(hp("lr", 1e-2, "prefix_len", 4));
              points.add(hp("lr", 1e-2, "prefix_len", 16));
            }
          }
          for (Map<String, Object> point : points) {
            double shift = point.containsKey("prefix_len") ? ((Integer) point.get("prefix_len") - 8) * 0.003
                : (Double) point.get("lr") > 3e-5 ? 0.01 : -0.02;
            for (long seed : List.of(1L, 2L, 3L)) {
              Random r = new Random((backbone + m + t + point + seed).hashCode());
              double top = task.get(t) + method.get(m) + backboneGain.get(backbone) + shift + 0.04 * r.nextGaussian();
              double[] dev = new double[4];
              for (int e = 0; e < dev.length; e++) {
                dev[e] = accuracy(top - 0.12 * Math.exp(-e) + 0.015 * r.nextGaussian());
              }
              f.add(new Trial(backbone, m, t, seed, point, TrialStatus.COMPLETED, dev,
                  sizes.get(backbone) + (m.equals("ft") ? 0 : 100_000), null));
            }
          }
        }
      }
    }
    f.add(new Trial("minilm-l6", "pt2", "rte", 4, hp("lr", 1e-2, "prefix_len", 16), TrialStatus.FAILED, new double[0],
        0, "java.lang.IllegalStateException: out of memory on executor 1\n\tat ptune.trial.Trainer.step(Trainer.java:88)"));
    f.add(new Trial("minilm-l6", "pt", "cb", 4, hp("lr", 1e-2, "prefix_len", 8), TrialStatus.DIVERGED,
        new double[] {0.5, 0.5357142857142857}, sizes.get("minilm-l6") + 100_000, "loss became NaN at epoch 3"));
    return f;
  }

  /** Training throughput of every trial: {@code mean} examples/s, spread over trials by a relative std. */
  SweepFixture throughput(double mean, double relativeStd) {
    examplesPerSecond = mean;
    throughputSpread = relativeStd;
    return this;
  }

  static Map<String, Object> hp(Object... kv) {
    // Sorted, so that the scores drawn from it (seeded by its text) are the same in every run.
    Map<String, Object> m = new TreeMap<>(Map.of("epochs", 4, "batch_size", 16));
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  /** A dev accuracy a 56-example dev set can have. */
  static double accuracy(double x) {
    return Math.round(Math.max(0, Math.min(1, x)) * DEV_SIZE) / (double) DEV_SIZE;
  }

  /** Writes the parts and checkpoints under {@code dir/<sweep>}, consolidates them and reads them back. */
  List<TrialRecord> write(SparkSession spark, Path dir, String sweep) throws IOException {
    SweepLayout layout = SweepLayout.of(dir.toString(), sweep);
    TrialResultStore store = new TrialResultStore(layout);
    for (Trial t : trials) {
      TrialSpec spec = TrialSpec.of(sweep, t.backbone(), t.method(), t.task(), t.seed(), t.hp());
      List<EpochMetrics> epochs = new ArrayList<>();
      int best = 0;
      for (int e = 0; e < t.devPerEpoch().length; e++) {
        double v = t.devPerEpoch()[e];
        epochs.add(new EpochMetrics(e + 1, 0.9 - 0.1 * e, v, Map.of("accuracy", v), 4.0));
        if (best == 0 || v > t.devPerEpoch()[best - 1]) {
          best = e + 1;
        }
      }
      double bestDev = best == 0 ? Double.NaN : t.devPerEpoch()[best - 1];
      double last = t.devPerEpoch().length == 0 ? Double.NaN : t.devPerEpoch()[t.devPerEpoch().length - 1];
      Map<String, Double> bestMetrics = best == 0 ? Map.of() : Map.of("accuracy", bestDev);
      Map<String, Double> heldOut = best == 0 ? Map.of() : Map.of("accuracy", accuracy(last - 0.02));
      String checkpoint = null;
      if (best > 0) {
        Path ckpt = Path.of(java.net.URI.create(layout.checkpoints())).resolve(spec.trialId());
        Files.createDirectories(ckpt);
        Files.writeString(ckpt.resolve("checkpoint.json"), "{\"task\":\"" + t.task() + "\"}");
        checkpoint = layout.checkpoints() + "/" + spec.trialId();
      }
      double majority = t.task().equals("rte") ? 33 / 56.0 : 28 / 56.0;
      double speed = examplesPerSecond * (1 + throughputSpread * new Random(spec.trialId().hashCode()).nextGaussian());
      TrialResult result = TrialResult.builder(spec, t.status()).metricName("accuracy").epochs(epochs)
          .best(best, bestDev, bestMetrics).heldOutMetrics(heldOut).majorityBaseline(majority).devSize(DEV_SIZE)
          .parameters(100_000, t.totalParameters()).seconds(12.5).examplesPerSecond(speed).device("cpu()")
          .features("stored test").error(t.error()).checkpointPath(checkpoint).build();
      store.write(spec.trialId(), TrialRow.toJson(result,
          new TrialRow.Provenance(checkpoint, "driver", "ptune.trial.PromptTuningTrialRunner", "fixture")));
    }
    return TrialRecord.collect(TrialTable.consolidate(spark, layout));
  }
}
