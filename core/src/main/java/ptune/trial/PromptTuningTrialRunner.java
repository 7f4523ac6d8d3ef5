package ptune.trial;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Function;
import java.util.logging.Logger;
import ptune.backbone.Backbone;
import ptune.backbone.BackboneCache;
import ptune.dataset.Task;
import ptune.tasks.TaskRegistry;
import ptune.encoding.EncodedSplit;
import ptune.metrics.Evaluation;
import ptune.metrics.MajorityBaseline;
import ptune.model.IntraOpThreads;
import ptune.trainer.EpochReport;
import ptune.trainer.Trainer;
import ptune.trainer.TrainerConfig;
import ptune.trainer.TrainingOutcome;
import ptune.trainer.TrainingRun;
import ptune.trainer.TrainingState;

/**
 * Runs one grid point: loads the backbone and the task's splits, builds the method and the head,
 * trains with dev evaluation after every epoch, saves the best epoch's prompt checkpoint, and
 * reports everything as a {@link TrialResult}. Problems inside the trial become a FAILED result.
 * Every task kind runs: classification, regression, multiple choice, token classification (NER,
 * SRL) and span extraction (SQuAD); {@link TaskSetup} pairs each with its encoder and head.
 *
 * <p>Hyperparameters: see {@link Hyperparameters}; data-size knobs: see {@link TrialSplits}
 * ({@code max_train_examples}, {@code max_dev_examples}, {@code max_test_examples}: seeded samples
 * that keep grouped examples whole; {@code held_out_fraction}: a part of train kept out of
 * training to select the epoch on, as an honest alternative to selecting on dev). A task with a
 * labelled test split (CoNLL NER and SRL) is scored on test at every epoch that improves dev; the
 * result carries the test metrics of the best dev epoch, as the official code reports them.
 *
 * <p>With a {@link TrialEnvironment#state() state store} the trial continues from its saved
 * training state (the held-out and test metrics of the saved epochs ride along as attachments) and
 * saves it at the environment's cadence; with a {@link TrialEnvironment#timeout() time limit} it
 * stops at the first epoch end past it as {@link TrialStatus#TIMED_OUT}, its best epoch so far
 * checkpointed as usual.
 */
public final class PromptTuningTrialRunner implements TrialRunner {
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
      return TrialResult.failed(spec, env.device(), (System.nanoTime() - started) / 1e9, e);
    }
  }

  private TrialResult train(TrialSpec spec, TrialEnvironment env, long started) throws Exception {
    // Torch's one generator per process: seeded here for what draws from it before training (the
    // trainer reseeds it per epoch for the dropout masks); a trial is reproducible when it runs
    // alone in its JVM (spark.task.cpus = executor cores).
    Engine.getInstance().setRandomSeed((int) spec.seed());
    if (env.cores() > 0 && !TrialDevice.of(env.device()).isGpu()) {
      int threads = IntraOpThreads.use(IntraOpThreads.forCores(env.cores()));
      LOG.info(String.format("trial %s: %d intra-op thread(s) for the task's %d core(s), native allocator %s",
          spec.trialId(), threads, env.cores(), NativeAllocator.inUse()));
    }
    if (TrialDevice.bf16Refused(spec, TrialDevice.of(env.device()))) {
      LOG.warning("trial " + spec.trialId() + ": precision bf16, but this CPU has no bf16 matmul"
          + " (no avx512_bf16 or amx_bf16 in /proc/cpuinfo): running fp32");
    }
    Backbone backbone = BackboneCache.get(spec.backbone());
    Task task = spec.loadTask(env.files());
    TrialSplits splits = TrialSplits.load(spec, task, env.dataDir(), true);
    TaskSetup setup = new TaskSetup(task, spec, backbone);
    TrialFeatures features = TrialFeatures.encode(spec, task, backbone, setup, env.features(),
        splits);
    TrainerConfig config = TrialHyperparameters.trainer(spec, setup.sequenceLabeling());

    try (NDManager manager = NDManager.newBaseManager(TrialDevice.of(env.device()))) {
      TrialModel built = TrialModel.build(spec, backbone, setup, features.train().rows().get(0),
          manager, new Random(spec.seed() * 31 + 7));
      Trainer trainer = built.trainer();
      Function<EncodedSplit, SplitScorer> scorer =
          split -> new SplitScorer(task, split, trainer, config, manager);
      SplitScorer dev = scorer.apply(features.dev());
      HeldOutSelection heldOut = new HeldOutSelection(
          splits.heldOut().isEmpty() ? null : scorer.apply(features.heldOut()));
      TestAtBestDev test = new TestAtBestDev(
          splits.test().isEmpty() ? null : scorer.apply(features.test()));
      TrainingRun run = TrainingRun.FROM_SCRATCH;
      Optional<TrainingState> saved = savedState(env.state(), config);
      if (saved.isPresent()) {
        heldOut.restore(saved.get().attachments());
        test.restore(saved.get().attachments(), saved.get().history());
        run = run.resumingFrom(saved.get());
      }
      if (env.stateEvery() > 0) {
        run = run.savingStateEvery(env.stateEvery(), state -> env.state().save(state.withAttachments(
            Map.of(HeldOutSelection.ATTACHMENT, heldOut.saved(), TestAtBestDev.ATTACHMENT, test.saved()))));
      }
      if (env.untilEpoch() > 0) {
        run = run.until(env.untilEpoch());
      }
      boolean[] timedOut = {false};
      if (env.timeout() != null) {
        long limit = env.timeout().toNanos();
        run = run.stoppingWhen(() -> timedOut[0] = System.nanoTime() - started > limit);
      }
      TrainingOutcome outcome = trainer.train(features.train().rows(), dev.rows(),
          dev.asDevScorer(), config, manager, report -> {
            heldOut.epochFinished();
            test.epochFinished(report);
            env.listener().epochFinished(spec, toEpochMetrics(report, test),
                report.examplesPerSecond());
          }, run);
      TrialStatus status = outcome.diverged() ? TrialStatus.DIVERGED
          : timedOut[0] ? TrialStatus.TIMED_OUT
          : stoppedAtLimit(outcome, env, config) ? TrialStatus.STOPPED : TrialStatus.COMPLETED;

      String checkpoint = null;
      if (outcome.bestEpoch() > 0) {
        TrialCheckpoint.save(env.checkpointDir(), spec, backbone, task, outcome, built);
        checkpoint = env.checkpointDir().toString();
      }
      Evaluation majority = MajorityBaseline.evaluate(task, splits.train(), splits.dev());
      return TrialResult.builder(spec, status)
          .metricName(task.selectionMetric())
          .epochs(outcome.epochs().stream().map(r -> toEpochMetrics(r, test)).toList())
          .best(outcome.bestEpoch(), outcome.bestDevScore(), outcome.bestDevMetrics())
          .heldOutMetrics(heldOut.selected(outcome, task.selectionMetric()))
          .testMetrics(test.atBestEpoch(outcome.bestEpoch()))
          .majorityBaseline(majority.selectionScore())
          .devSize(splits.dev().size())
          .parameters(trainer.trainable().count(), built.totalParameters(spec.method()))
          .seconds((System.nanoTime() - started) / 1e9)
          .examplesPerSecond(outcome.examplesPerSecond())
          .device(TrialDevice.describe(env.device(), spec))
          .features(features.origin())
          .checkpointPath(checkpoint)
          .resumedEpochs(outcome.resumedEpochs())
          .build();
    }
  }

  /**
   * The trial's saved state when it is one this trial can continue: a state saved under another
   * trainer configuration (the code's defaults changed since) is ignored with a warning.
   */
  private static Optional<TrainingState> savedState(TrialStateStore store, TrainerConfig config)
      throws IOException {
    Optional<TrainingState> saved = store.load();
    if (saved.isPresent() && !saved.get().config().equals(config)) {
      LOG.warning("training state " + store.location() + " was saved with " + saved.get().config()
          + ", this trial trains with " + config + ": starting from epoch 1");
      return Optional.empty();
    }
    saved.ifPresent(state -> LOG.info("resuming from " + store.location() + " after epoch "
        + state.completedEpochs()));
    return saved;
  }

  /** The run ended at its environment's epoch limit, before the trial's last epoch. */
  private static boolean stoppedAtLimit(TrainingOutcome outcome, TrialEnvironment env, TrainerConfig config) {
    int last = outcome.epochs().isEmpty() ? 0 : outcome.epochs().get(outcome.epochs().size() - 1).epoch();
    return env.untilEpoch() > 0 && env.untilEpoch() < config.epochs() && last == env.untilEpoch();
  }

  private static EpochMetrics toEpochMetrics(EpochReport r, TestAtBestDev test) {
    return new EpochMetrics(r.epoch(), r.trainLoss(), r.devScore(), r.devMetrics(), r.seconds(),
        test.atEpoch(r.epoch()));
  }
}
