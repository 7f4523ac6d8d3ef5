package ptune.trainer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.pytorch.jni.JniUtils;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.logging.Logger;
import ptune.head.TaskHead;
import ptune.method.TuningMethod;
import ptune.model.BertModel;
import ptune.model.TrainableParameters;

/**
 * The training loop of the official P-tuning v2 code, made explicit: AdamW, the learning-rate
 * schedule, gradient clipping and accumulation, evaluation on dev after every epoch, best-epoch
 * selection and early stopping. A NaN or infinite loss stops the run as diverged and keeps the best
 * epoch reached before it. A run can hand out its {@link TrainingState} at epoch ends and continue
 * from one ({@link TrainingRun}) with the same result, bit for bit, as a run that never stopped.
 */
public final class Trainer {
  private static final Logger LOG = Logger.getLogger(Trainer.class.getName());

  private final BertModel model;
  private final TuningMethod method;
  private final TaskHead head;
  private final int padId;
  private final TrainableParameters trainable = new TrainableParameters();

  public Trainer(BertModel model, TuningMethod method, TaskHead head, int padId) {
    this.model = model;
    this.method = method;
    this.head = head;
    this.padId = padId;
    trainable.addAll(method.parameters());
    trainable.addAll(head.parameters());
  }

  public TrainableParameters trainable() {
    return trainable;
  }

  public TrainingOutcome train(
      List<EncodedExample> train,
      List<EncodedExample> dev,
      DevScorer scorer,
      TrainerConfig config,
      NDManager manager,
      TrainingListener listener) {
    return train(train, dev, scorer, config, manager, listener, TrainingRun.FROM_SCRATCH);
  }

  /**
   * Trains as {@code run} says: from epoch 1 or from its saved state (tensors, optimizer, schedule,
   * history and best epoch restored; the completed epochs are not trained again), up to its last
   * epoch, handing the state to its sink at its cadence.
   */
  public TrainingOutcome train(
      List<EncodedExample> train,
      List<EncodedExample> dev,
      DevScorer scorer,
      TrainerConfig config,
      NDManager manager,
      TrainingListener listener,
      TrainingRun run) {
    // Grad mode is thread-local in libtorch; a Spark task thread starts with it on.
    JniUtils.setGradMode(false);
    List<NDArray> params = trainable.arrays();
    AdamW optimizer = new AdamW(params, config.weightDecay());
    int batchesPerEpoch = (train.size() + config.batchSize() - 1) / config.batchSize();
    long stepsPerEpoch = Math.max(1, batchesPerEpoch / config.accumulation());
    LearningRateSchedule schedule = new LearningRateSchedule(config, stepsPerEpoch);

    List<EpochReport> reports = new ArrayList<>();
    TrainingState.Best best =
        new TrainingState.Best(0, Double.NEGATIVE_INFINITY, Map.of(), snapshot());
    int sinceBest = 0;
    long step = 0;
    long examplesSeen = 0;
    double earlierSeconds = 0;
    int firstEpoch = 1;
    if (run.resumeFrom().isPresent()) {
      TrainingState state = run.resumeFrom().get();
      checkResumable(state, config);
      restore(state.parameters());
      optimizer.restore(state.optimizer());
      step = state.scheduleStep();
      reports.addAll(state.history());
      best = state.best();
      sinceBest = state.epochsSinceBest();
      examplesSeen = state.examplesSeen();
      earlierSeconds = state.seconds();
      firstEpoch = state.completedEpochs() + 1;
    }
    int lastEpoch = run.lastEpoch(config);
    boolean patienceExhausted = config.patience() > 0 && sinceBest >= config.patience();
    boolean diverged = false;
    long started = System.nanoTime();

    for (int epoch = firstEpoch; epoch <= lastEpoch && !patienceExhausted; epoch++) {
      long epochStart = System.nanoTime();
      // Dropout masks are drawn from torch's generator (DropoutMask): seeding it per epoch makes
      // them depend on (seed, epoch) only, as the data order does.
      JniUtils.setSeed(EpochSeeds.dropout(config.seed(), epoch));
      Random order = new Random(EpochSeeds.dataOrder(config.seed(), epoch));
      double lossSum = 0;
      int lossCount = 0;
      int micro = 0;
      for (List<EncodedExample> examples : Batches.forTraining(train, config.batchSize(), order)) {
        float loss;
        // Every array a step creates (activations, prefixes computed from the parameters,
        // gradient handles, optimizer temporaries) is closed with the scope.
        try (NDScope scope = new NDScope();
            NDManager stepManager = manager.newSubManager()) {
          Batch batch = Batch.collate(examples, padId, stepManager);
          loss = GradientLock.forwardBackward(
              () -> head.loss(model, method, batch.inputs(), batch.labels(), true),
              1f / config.accumulation());
          if (Float.isFinite(loss) && ++micro % config.accumulation() == 0) {
            optimizer.update(schedule.at(step++), config.maxGradNorm());
          }
        }
        examplesSeen += examples.size();
        if (!Float.isFinite(loss)) {
          LOG.warning("loss became " + loss + " in epoch " + epoch + ": stopping as diverged");
          diverged = true;
          break;
        }
        lossSum += loss;
        lossCount++;
      }
      if (diverged) {
        break;
      }
      if (micro % config.accumulation() != 0) {
        try (NDScope scope = new NDScope()) {
          optimizer.update(schedule.at(step++), config.maxGradNorm());
        }
      }
      Map<String, Double> metrics = scorer.score(scores(dev, config.evalBatchSize(), manager));
      double score = metrics.get(scorer.selectionMetric());
      double seconds = (System.nanoTime() - epochStart) / 1e9;
      EpochReport report = new EpochReport(epoch, lossSum / Math.max(1, lossCount), metrics,
          score, seconds, train.size() / seconds);
      reports.add(report);
      listener.epochFinished(report);
      if (score > best.score()) {
        best = new TrainingState.Best(epoch, score, metrics, snapshot());
        sinceBest = 0;
      } else if (config.patience() > 0 && ++sinceBest >= config.patience()) {
        patienceExhausted = true;
      }
      boolean stopped = epoch < lastEpoch && !patienceExhausted
          && run.stopAfterEpoch().getAsBoolean();
      boolean lastOfRun = epoch == lastEpoch || patienceExhausted || stopped;
      if (run.stateEvery() > 0 && (epoch % run.stateEvery() == 0 || lastOfRun)) {
        TrainingState state = new TrainingState(config, epoch, snapshot(), optimizer.moments(),
            step, List.copyOf(reports), best, sinceBest, examplesSeen,
            earlierSeconds + (System.nanoTime() - started) / 1e9, Map.of());
        try {
          run.stateSink().save(state);
        } catch (IOException e) {
          throw new UncheckedIOException(
              "saving the training state after epoch " + epoch + " failed: " + e.getMessage(), e);
        }
      }
      if (stopped) {
        LOG.info("stopping after epoch " + epoch + " of " + lastEpoch + " as asked");
        break;
      }
    }
    double seconds = earlierSeconds + (System.nanoTime() - started) / 1e9;
    int resumed = run.resumeFrom().map(TrainingState::completedEpochs).orElse(0);
    return new TrainingOutcome(reports, best.epoch(),
        best.epoch() == 0 ? Double.NaN : best.score(), best.metrics(), best.parameters(),
        shapes(), diverged, seconds, examplesSeen / seconds, resumed);
  }

  private void checkResumable(TrainingState state, TrainerConfig config) {
    if (!state.config().equals(config)) {
      throw new IllegalArgumentException("the training state was saved by a run with "
          + state.config() + ", this run has " + config);
    }
    if (!state.parameters().keySet().equals(trainable.asMap().keySet())) {
      throw new IllegalArgumentException("the training state holds tensors "
          + state.parameters().keySet() + ", this run trains " + trainable.asMap().keySet());
    }
  }

  /**
   * The head's outputs for every example, in order, without dropout or gradients: each example's
   * slice of {@link TaskHead#logits} flattened (e.g. C class logits, or T x L tag logits over the
   * batch's padded length T).
   */
  public float[][] scores(List<EncodedExample> examples, int batchSize, NDManager manager) {
    JniUtils.setGradMode(false);
    float[][] out = new float[examples.size()][];
    int i = 0;
    for (List<EncodedExample> batchExamples : Batches.inOrder(examples, batchSize)) {
      try (NDScope scope = new NDScope();
          NDManager evalManager = manager.newSubManager()) {
        Batch batch = Batch.collate(batchExamples, padId, evalManager);
        NDArray logits = head.logits(model, method, batch.inputs(), false);
        int perExample = Math.toIntExact(logits.getShape().size() / batch.size());
        float[] flat = logits.toFloatArray();
        for (int r = 0; r < batch.size(); r++, i++) {
          out[i] = Arrays.copyOfRange(flat, r * perExample, (r + 1) * perExample);
        }
      }
    }
    return out;
  }

  /** Host copies of the trainable arrays. */
  public Map<String, float[]> snapshot() {
    Map<String, float[]> copy = new LinkedHashMap<>();
    trainable.asMap().forEach((name, array) -> copy.put(name, array.toFloatArray()));
    return copy;
  }

  private Map<String, long[]> shapes() {
    Map<String, long[]> out = new LinkedHashMap<>();
    trainable.asMap().forEach((name, array) -> out.put(name, array.getShape().getShape()));
    return out;
  }

  /** Writes host copies back into the trainable arrays (e.g. the best epoch after training). */
  public void restore(Map<String, float[]> values) {
    trainable.asMap().forEach((name, array) -> {
      float[] v = values.get(name);
      if (v == null) {
        throw new IllegalArgumentException("checkpoint has no tensor " + name);
      }
      if (v.length != array.getShape().size()) {
        throw new IllegalArgumentException("checkpoint tensor " + name + " has " + v.length
            + " values, the model expects " + array.getShape());
      }
      array.set(v);
    });
  }
}
