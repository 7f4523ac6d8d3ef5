package ptune.trial;

import ptune.dataset.TaskKind;
import ptune.features.QaWindowEncoder;
import ptune.method.PromptConfig;
import ptune.method.TuningMethods;
import ptune.trainer.TrainerConfig;

/**
 * The hyperparameter keys a trial understands, their defaults (the official P-tuning v2 ones
 * where it has them), and their translation into trainer and prompt settings.
 */
public final class TrialHyperparameters {
  public static final String CLASSIFIER = "classifier";
  public static final String VERBALIZER = "verbalizer";

  private TrialHyperparameters() {}

  public static TrainerConfig trainer(TrialSpec spec, boolean sequenceLabeling) {
    double lr = spec.getDouble("lr", TuningMethods.get(spec.method()).defaultLearningRate());
    TrainerConfig.Schedule schedule = TrainerConfig.Schedule.valueOf(
        spec.get("schedule", sequenceLabeling ? "exponential" : "linear").toUpperCase());
    return new TrainerConfig(
        lr,
        spec.getInt("epochs", 10),
        spec.getInt("batch_size", 16),
        spec.getDouble("weight_decay", 0),
        spec.getDouble("warmup_ratio", 0),
        schedule,
        spec.getDouble("gamma", 0.95),
        spec.getDouble("max_grad_norm", 1.0),
        spec.getInt("accumulation", 1),
        spec.getInt("patience", 0),
        spec.getInt("eval_batch_size", 32),
        spec.seed());
  }

  public static PromptConfig prompt(TrialSpec spec, int numLayers) {
    return new PromptConfig(
        spec.getInt("prefix_len", 16),
        spec.getInt("prefix_depth", numLayers),
        spec.get("prefix_depth_from", "bottom").equals("top"),
        spec.getBoolean("prefix_projection", false),
        spec.getInt("prefix_hidden", 512),
        (float) spec.getDouble("dropout", 0.1),
        spec.getBoolean("shift_positions", true));
  }

  public static float dropout(TrialSpec spec) {
    return (float) spec.getDouble("dropout", 0.1);
  }

  public static int maxLength(TrialSpec spec) {
    return spec.getInt("max_len", 128);
  }

  /** {@code max_len}; QA defaults to the official 384 (its script ignores --max_seq_length). */
  public static int maxLength(TrialSpec spec, TaskKind kind) {
    return kind == TaskKind.SPAN_EXTRACTION
        ? spec.getInt("max_len", QaWindowEncoder.DEFAULT_MAX_LENGTH) : maxLength(spec);
  }

  /** {@code doc_stride}: overlap of consecutive QA windows, official 128. */
  public static int docStride(TrialSpec spec) {
    return spec.getInt("doc_stride", QaWindowEncoder.DEFAULT_STRIDE);
  }

  /**
   * {@code head}: "classifier" (the paper's linear head) or "verbalizer" (label words scored by the
   * MLM head, the paper's ablation; {@code label_words} sets them).
   */
  public static String head(TrialSpec spec) {
    String head = spec.get("head", CLASSIFIER);
    if (!head.equals(CLASSIFIER) && !head.equals(VERBALIZER)) {
      throw new IllegalArgumentException("head must be classifier or verbalizer, got " + head);
    }
    return head;
  }
}
