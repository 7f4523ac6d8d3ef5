package ptune.trial;

import ptune.dataset.TaskKind;
import ptune.features.QaWindowEncoder;
import ptune.method.PromptConfig;
import ptune.method.TuningMethods;
import ptune.model.Precision;
import ptune.trainer.TrainerConfig;

/**
 * The trial's hyperparameters ({@link Hyperparameters} defines the keys and their defaults)
 * translated into trainer and prompt settings, with the defaults that depend on the trial: the
 * method's learning rate, the task kind's schedule and input length, the backbone's depth.
 */
public final class TrialHyperparameters {
  public static final String CLASSIFIER = "classifier";
  public static final String VERBALIZER = "verbalizer";

  private TrialHyperparameters() {}

  public static TrainerConfig trainer(TrialSpec spec, boolean sequenceLabeling) {
    double lr = Hyperparameters.LR.readOr(spec,
        TuningMethods.get(spec.method()).defaultLearningRate());
    TrainerConfig.Schedule schedule = TrainerConfig.Schedule.valueOf(Hyperparameters.SCHEDULE
        .readOr(spec, sequenceLabeling ? "exponential" : "linear").toUpperCase());
    return new TrainerConfig(
        lr,
        Hyperparameters.EPOCHS.read(spec),
        Hyperparameters.BATCH_SIZE.read(spec),
        Hyperparameters.WEIGHT_DECAY.read(spec),
        Hyperparameters.WARMUP_RATIO.read(spec),
        schedule,
        Hyperparameters.GAMMA.read(spec),
        Hyperparameters.MAX_GRAD_NORM.read(spec),
        Hyperparameters.ACCUMULATION.read(spec),
        Hyperparameters.PATIENCE.read(spec),
        Hyperparameters.EVAL_BATCH_SIZE.read(spec),
        spec.seed());
  }

  public static PromptConfig prompt(TrialSpec spec, int numLayers) {
    return new PromptConfig(
        Hyperparameters.PREFIX_LEN.read(spec),
        Hyperparameters.PREFIX_DEPTH.readOr(spec, numLayers),
        Hyperparameters.PREFIX_DEPTH_FROM.read(spec).equals("top"),
        Hyperparameters.PREFIX_PROJECTION.read(spec),
        Hyperparameters.PREFIX_HIDDEN.read(spec),
        dropout(spec),
        Hyperparameters.SHIFT_POSITIONS.read(spec));
  }

  /** {@code precision}: fp32, or bf16 for a frozen backbone's linears ({@link Precision}). */
  public static Precision precision(TrialSpec spec) {
    return Precision.parse(Hyperparameters.PRECISION.read(spec));
  }

  public static float dropout(TrialSpec spec) {
    return Hyperparameters.DROPOUT.read(spec).floatValue();
  }

  public static int maxLength(TrialSpec spec) {
    return Hyperparameters.MAX_LEN.read(spec);
  }

  /** {@code max_len}; QA defaults to the official 384 (its script ignores --max_seq_length). */
  public static int maxLength(TrialSpec spec, TaskKind kind) {
    return kind == TaskKind.SPAN_EXTRACTION
        ? Hyperparameters.MAX_LEN.readOr(spec, QaWindowEncoder.DEFAULT_MAX_LENGTH) : maxLength(spec);
  }

  /** {@code doc_stride}: overlap of consecutive QA windows, official 128. */
  public static int docStride(TrialSpec spec) {
    return Hyperparameters.DOC_STRIDE.read(spec);
  }

  /**
   * {@code head}: "classifier" (the paper's linear head) or "verbalizer" (label words scored by the
   * MLM head, the paper's ablation; {@code label_words} sets them).
   */
  public static String head(TrialSpec spec) {
    String head = Hyperparameters.HEAD.read(spec);
    if (!head.equals(CLASSIFIER) && !head.equals(VERBALIZER)) {
      throw new IllegalArgumentException("head must be classifier or verbalizer, got " + head);
    }
    return head;
  }
}
