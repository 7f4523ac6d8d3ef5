package ptune.trial;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.logging.Logger;
import ptune.backbone.Backbone;
import ptune.backbone.BackboneCache;
import ptune.checkpoint.PromptCheckpoint;
import ptune.dataset.Example;
import ptune.dataset.Task;
import ptune.dataset.TaskRegistry;
import ptune.head.TaskHead;
import ptune.method.TuningMethod;
import ptune.method.TuningMethods;
import ptune.metrics.Evaluation;
import ptune.metrics.MajorityBaseline;
import ptune.model.BertModel;
import ptune.trainer.EncodedExample;
import ptune.trainer.EpochReport;
import ptune.trainer.Trainer;
import ptune.trainer.TrainerConfig;
import ptune.trainer.TrainingOutcome;

/**
 * Runs one grid point: loads the backbone and the task's splits, builds the method and the head,
 * trains with dev evaluation after every epoch, saves the best epoch's prompt checkpoint, and
 * reports everything as a {@link TrialResult}. Problems inside the trial become a FAILED result.
 * Every task kind runs: classification, regression, multiple choice, token classification (NER,
 * SRL) and span extraction (SQuAD); {@link TaskSetup} pairs each with its encoder and head.
 *
 * <p>Hyperparameters: see {@link TrialHyperparameters}; data-size knobs: see {@link TrialSplits}
 * ({@code max_train_examples}, {@code max_dev_examples}, {@code max_test_examples}: seeded samples
 * that keep grouped examples whole; {@code held_out_fraction}: a part of train kept out of
 * training to select the epoch on, as an honest alternative to selecting on dev). A task with a
 * labelled test split (CoNLL NER and SRL) is scored on test at every epoch that improves dev; the
 * result carries the test metrics of the best dev epoch, as the official code reports them.
 */
public final class PromptTuningTrialRunner implements TrialRunner {

  /** Per-trial details for the log (under Spark: the job's log file, or the executor's log). */
  private static final Logger LOG = Logger.getLogger(PromptTuningTrialRunner.class.getName());

  @Override
  public void validate(TrialSpec spec, Path dataDir) {
    TrialPreflight.check(spec, dataDir);
  }

  @Override
  public TrialResult run(TrialSpec spec, TrialEnvironment env) {
    long started = System.nanoTime();
    try {
      return train(spec, env, started);
    } catch (Exception | OutOfMemoryError e) {
      StringWriter trace = new StringWriter();
      e.printStackTrace(new PrintWriter(trace));
      return new TrialResult(spec, TrialStatus.FAILED, "", List.of(), 0, Double.NaN, Map.of(),
          Map.of(), Map.of(), Double.NaN, 0, 0, 0, (System.nanoTime() - started) / 1e9, 0,
          env.device(), null, e + "\n" + trace, null);
    }
  }

  private TrialResult train(TrialSpec spec, TrialEnvironment env, long started) throws Exception {
    // Dropout draws from torch's one generator per process: seeded here, a trial is reproducible
    // when it runs alone in its JVM (spark.task.cpus = executor cores).
    Engine.getInstance().setRandomSeed((int) spec.seed());
    Backbone backbone = BackboneCache.get(spec.backbone());
    Task task = TaskRegistry.get(spec.task());
    TrialSplits splits = TrialSplits.load(spec, task, env.dataDir(), true);
    List<Example> train = splits.train();
    List<Example> dev = splits.dev();

    TaskSetup setup = new TaskSetup(task, spec, backbone);
    long encodingStarted = System.nanoTime();
    TrialFeatures features = TrialFeatures.encode(spec, task, backbone, setup, env.features(), splits);
    LOG.info(String.format("trial %s: %d train, %d held-out, %d dev, %d test examples encoded in %.2f s, %s",
        spec.trialId(), train.size(), splits.heldOut().size(), dev.size(), splits.test().size(),
        (System.nanoTime() - encodingStarted) / 1e9, features.origin()));
    List<EncodedExample> trainRows = features.train().rows();
    TrainerConfig config = TrialHyperparameters.trainer(spec, setup.sequenceLabeling());
    Random init = new Random(spec.seed() * 31 + 7);

    try (NDManager manager = NDManager.newBaseManager(device(env.device()))) {
      float dropout = TrialHyperparameters.dropout(spec);
      BertModel model = backbone.newModel(manager, dropout, dropout);
      TuningMethod method = TuningMethods.create(spec.method(), model,
          TrialHyperparameters.prompt(spec, model.config().numLayers()), manager, init);
      TaskHead head = setup.head(model, trainRows.get(0), dropout, manager, init);
      Trainer trainer = new Trainer(model, method, head, backbone.tokenizer().padId());

      SplitScorer devScorer = new SplitScorer(task, features.dev(), trainer, config, manager);
      SplitScorer heldOutScorer = splits.heldOut().isEmpty() ? null
          : new SplitScorer(task, features.heldOut(), trainer, config, manager);
      TestAtBestDev test = new TestAtBestDev(splits.test().isEmpty() ? null
          : new SplitScorer(task, features.test(), trainer, config, manager));
      List<Map<String, Double>> heldOutPerEpoch = new ArrayList<>();
      TrainingOutcome outcome = trainer.train(trainRows, devScorer.rows(), devScorer.asDevScorer(),
          config, manager, report -> {
            if (heldOutScorer != null) {
              heldOutPerEpoch.add(heldOutScorer.evaluate().metrics());
            }
            test.epochFinished(report);
            env.listener().epochFinished(spec, toEpochMetrics(report, test),
                report.examplesPerSecond());
          });

      String checkpoint = null;
      if (outcome.bestEpoch() > 0) {
        Path dir = env.checkpointDir();
        new PromptCheckpoint(settings(spec, backbone, task), outcome.bestParameters(),
            outcome.parameterShapes()).save(dir);
        checkpoint = dir.toString();
      }
      Evaluation majority = MajorityBaseline.evaluate(task, train, dev);
      return new TrialResult(spec,
          outcome.diverged() ? TrialStatus.DIVERGED : TrialStatus.COMPLETED,
          task.selectionMetric(),
          outcome.epochs().stream().map(r -> toEpochMetrics(r, test)).toList(),
          outcome.bestEpoch(), outcome.bestDevScore(), outcome.bestDevMetrics(),
          selectedOnHeldOut(outcome, heldOutPerEpoch, task.selectionMetric()),
          test.atBestEpoch(outcome.bestEpoch()),
          majority.selectionScore(), dev.size(), trainer.trainable().count(),
          model.parameterCount() + (TuningMethods.get(spec.method()).tunesBackbone() ? 0 : trainer.trainable().count()),
          (System.nanoTime() - started) / 1e9, outcome.examplesPerSecond(),
          describeDevice(env.device()), features.origin(), null,
          checkpoint);
    }
  }

  /**
   * Loads a saved prompt checkpoint onto the backbone it was trained on and scores it on the dev
   * examples its trial used.
   */
  public static Evaluation evaluateCheckpoint(Path checkpointDir, Path dataDir, String device)
      throws Exception {
    return evaluateCheckpoint(checkpointDir, null, dataDir, device);
  }

  /**
   * Like {@link #evaluateCheckpoint(Path, Path, String)} on the named backbone; a prompt only means
   * something on the exact weights it was trained with, so any other backbone is refused.
   *
   * @param backboneName null for the backbone the checkpoint records
   */
  public static Evaluation evaluateCheckpoint(Path checkpointDir, String backboneName,
      Path dataDir, String device) throws Exception {
    PromptCheckpoint checkpoint = PromptCheckpoint.load(checkpointDir);
    try (CheckpointModel model = CheckpointModel.open(checkpoint, backboneName, device)) {
      TrialSplits splits = TrialSplits.load(model.spec(), model.task(), dataDir, false);
      return model.evaluate(splits.dev());
    }
  }

  /** Dev metrics at the epoch with the best held-out score (empty without a held-out part). */
  private static Map<String, Double> selectedOnHeldOut(TrainingOutcome outcome,
      List<Map<String, Double>> heldOut, String metric) {
    int best = -1;
    for (int i = 0; i < heldOut.size(); i++) {
      if (best < 0 || heldOut.get(i).get(metric) > heldOut.get(best).get(metric)) {
        best = i;
      }
    }
    if (best < 0) {
      return Map.of();
    }
    Map<String, Double> out = new LinkedHashMap<>(outcome.epochs().get(best).devMetrics());
    out.put("epoch", (double) (best + 1));
    out.put("held_out_" + metric, heldOut.get(best).get(metric));
    return out;
  }

  private static Map<String, String> settings(TrialSpec spec, Backbone backbone, Task task) {
    Map<String, String> s = new LinkedHashMap<>();
    s.put(PromptCheckpoint.BACKBONE, backbone.name());
    s.put(PromptCheckpoint.FINGERPRINT, backbone.fingerprint());
    s.put(PromptCheckpoint.TASK, task.name());
    s.put(PromptCheckpoint.METHOD, spec.method());
    s.put("trial_id", spec.trialId());
    s.put("seed", Long.toString(spec.seed()));
    spec.hyperparameters().forEach((k, v) -> s.put("hp." + k, v));
    return s;
  }

  private static EpochMetrics toEpochMetrics(EpochReport r, TestAtBestDev test) {
    return new EpochMetrics(r.epoch(), r.trainLoss(), r.devScore(), r.devMetrics(), r.seconds(),
        test.atEpoch(r.epoch()));
  }

  /**
   * The DJL device for an assigned "cpu" or "gpu:N". A GPU address on an engine without CUDA (the
   * CPU libtorch, or Spark's emulated gpu resources in tests) runs on the CPU; the result row then
   * records "gpu:N (no CUDA engine: cpu)" so the mismatch is visible, not hidden.
   */
  static Device device(String name) {
    if (name == null || name.equals("cpu")) {
      return Device.cpu();
    }
    if (name.startsWith("gpu:")) {
      return Engine.getInstance().getGpuCount() > 0
          ? Device.gpu(Integer.parseInt(name.substring(4)))
          : Device.cpu();
    }
    throw new IllegalArgumentException("device must be cpu or gpu:N, got " + name);
  }

  static String describeDevice(String assigned) {
    Device actual = device(assigned);
    return actual.isGpu() || assigned.equals("cpu") ? assigned
        : assigned + " (no CUDA engine: cpu)";
  }
}
