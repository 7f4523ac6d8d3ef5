package ptune.cli.commands.model;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.List;
import java.util.Random;
import ptune.backbone.Backbone;
import ptune.head.SequenceClassificationHead;
import ptune.head.TaskHead;
import ptune.method.PromptConfig;
import ptune.method.TuningMethod;
import ptune.method.TuningMethods;
import ptune.model.BertModel;
import ptune.model.EncoderInputs;
import ptune.model.Precision;
import ptune.model.TrainableParameters;
import ptune.trainer.AdamW;

/**
 * One training step of one method on a random batch, built the way a trial builds it (backbone
 * model with the trial's dropout, {@link TuningMethods#create}, a two-class {@link
 * SequenceClassificationHead}) and run the way {@code ptune.trainer.Trainer} runs it: an NDScope and
 * a sub-manager per step, forward and backward in a GradientCollector ({@code GradientLock} without
 * the lock), then the trainer's {@link AdamW#update} (clip, AdamW, zero the gradients).
 */
final class BenchTrainingStep implements BenchStepTimer.PhasedStep, AutoCloseable {
  static final List<String> PHASES = List.of("forward", "backward", "update");
  private static final double LR = 1e-3;
  private static final double WEIGHT_DECAY = 0.01;
  private static final double MAX_GRAD_NORM = 1.0;

  private final NDManager manager;
  private final BertModel model;
  private final TuningMethod method;
  private final TaskHead head;
  private final TrainableParameters trainable = new TrainableParameters();
  private final AdamW optimizer;
  private final long[] ids;
  private final float[] labels;
  private final Shape shape;
  private float lastLoss = Float.NaN;

  BenchTrainingStep(Backbone backbone, String methodName, BenchOptions o, NDManager parent) {
    this.manager = parent.newSubManager();
    Random init = new Random(7);
    model = backbone.newModel(manager, o.dropout(), o.dropout());
    int layers = model.config().numLayers();
    PromptConfig prompt = PromptConfig.defaults(o.prefix(), layers).withDropout(o.dropout());
    method = TuningMethods.create(methodName, model, prompt, manager, init);
    if (precision(methodName, o) == Precision.BF16) {
      model.multiplyFrozenWeightsInBf16(manager);
    }
    head = new SequenceClassificationHead(model.config().hiddenSize(), 2, o.dropout(), manager,
        init);
    trainable.addAll(method.parameters());
    trainable.addAll(head.parameters());
    optimizer = new AdamW(trainable.arrays(), WEIGHT_DECAY);
    int max = model.config().maxPositions();
    int promptPositions = TuningMethods.get(methodName).prompt().positionsUsed(prompt);
    if (o.seq() + promptPositions > max) {
      throw new IllegalArgumentException("--seq " + o.seq() + " plus " + promptPositions
          + " prompt positions exceeds the backbone's " + max + " positions");
    }
    Random data = new Random(11);
    int vocab = model.config().vocabSize();
    shape = new Shape(o.batch(), o.seq());
    ids = new long[o.batch() * o.seq()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = 1000 + data.nextInt(vocab - 1000);
    }
    labels = new float[o.batch()];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = data.nextInt(2);
    }
  }

  /** The run's precision for this method: bf16 applies to frozen backbones only (pt, pt2). */
  static Precision precision(String methodName, BenchOptions o) {
    return TuningMethods.get(methodName).tunesBackbone() ? Precision.FP32 : o.precision();
  }

  long trainableCount() {
    return trainable.count();
  }

  float lastLoss() {
    return lastLoss;
  }

  /** One full step; returns {forward, backward, update} ms. */
  @Override
  public double[] run() {
    double[] ms = new double[3];
    try (NDScope scope = new NDScope();
        NDManager step = manager.newSubManager()) {
      NDArray inputIds = step.create(ids, shape);
      EncoderInputs in = new EncoderInputs(inputIds, inputIds.zerosLike(), inputIds.onesLike());
      NDArray y = step.create(labels);
      long t0 = System.nanoTime();
      try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
        NDArray loss = head.loss(model, method, in, y, true);
        long t1 = System.nanoTime();
        collector.backward(loss);
        lastLoss = loss.getFloat();
        long t2 = System.nanoTime();
        ms[0] = (t1 - t0) / 1e6;
        ms[1] = (t2 - t1) / 1e6;
      }
      long t3 = System.nanoTime();
      optimizer.update(LR, MAX_GRAD_NORM);
      ms[2] = (System.nanoTime() - t3) / 1e6;
    }
    return ms;
  }

  @Override
  public void close() {
    manager.close();
  }
}
