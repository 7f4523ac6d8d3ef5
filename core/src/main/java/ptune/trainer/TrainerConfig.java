package ptune.trainer;

/**
 * Training hyperparameters; {@link #officialSuperGlue} is the official P-tuning v2 setup (Hugging
 * Face Trainer 4.11: AdamW, betas 0.9/0.999, eps 1e-8, weight decay 0, no warm-up, clipping 1.0).
 *
 * @param schedule LINEAR: decay to 0 over all steps (SuperGLUE/GLUE); EXPONENTIAL: multiply by
 *     {@code gamma} after every epoch (NER, SRL, QA)
 * @param warmupRatio fraction of all optimizer steps with linear warm-up from 0
 * @param accumulation micro-batches per optimizer step
 * @param patience stop after this many epochs without a better dev score (0 = never)
 */
public record TrainerConfig(
    double learningRate,
    int epochs,
    int batchSize,
    double weightDecay,
    double warmupRatio,
    Schedule schedule,
    double gamma,
    double maxGradNorm,
    int accumulation,
    int patience,
    int evalBatchSize,
    long seed) {

  public enum Schedule {
    LINEAR,
    EXPONENTIAL
  }

  // One field changed, for configs that differ from a preset in a knob or two.

  public TrainerConfig withWarmupRatio(double ratio) {
    return new TrainerConfig(learningRate, epochs, batchSize, weightDecay, ratio, schedule, gamma,
        maxGradNorm, accumulation, patience, evalBatchSize, seed);
  }

  public TrainerConfig withSchedule(Schedule newSchedule, double newGamma) {
    return new TrainerConfig(learningRate, epochs, batchSize, weightDecay, warmupRatio, newSchedule,
        newGamma, maxGradNorm, accumulation, patience, evalBatchSize, seed);
  }

  public TrainerConfig withAccumulation(int microBatches) {
    return new TrainerConfig(learningRate, epochs, batchSize, weightDecay, warmupRatio, schedule,
        gamma, maxGradNorm, microBatches, patience, evalBatchSize, seed);
  }

  public TrainerConfig withPatience(int epochsWithoutImprovement) {
    return new TrainerConfig(learningRate, epochs, batchSize, weightDecay, warmupRatio, schedule,
        gamma, maxGradNorm, accumulation, epochsWithoutImprovement, evalBatchSize, seed);
  }

  public TrainerConfig withEvalBatchSize(int size) {
    return new TrainerConfig(learningRate, epochs, batchSize, weightDecay, warmupRatio, schedule,
        gamma, maxGradNorm, accumulation, patience, size, seed);
  }

  public TrainerConfig {
    if (learningRate <= 0 || !Double.isFinite(learningRate)) {
      throw new IllegalArgumentException("lr must be a positive number, got " + learningRate);
    }
    if (epochs < 1) {
      throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
    }
    if (batchSize < 1 || accumulation < 1 || evalBatchSize < 1) {
      throw new IllegalArgumentException("batch_size, accumulation and eval_batch_size must be >= 1");
    }
  }

  /** The official values of what a trial leaves unset (the trial's hyperparameter defaults read these). */
  public static final double DEFAULT_WEIGHT_DECAY = 0;
  public static final double DEFAULT_WARMUP_RATIO = 0;
  public static final double DEFAULT_GAMMA = 0.95;
  public static final double DEFAULT_MAX_GRAD_NORM = 1.0;
  public static final int DEFAULT_ACCUMULATION = 1;
  public static final int DEFAULT_PATIENCE = 0;
  public static final int DEFAULT_EVAL_BATCH_SIZE = 32;

  public static TrainerConfig officialSuperGlue(double lr, int epochs, int batchSize, long seed) {
    return new TrainerConfig(lr, epochs, batchSize, DEFAULT_WEIGHT_DECAY, DEFAULT_WARMUP_RATIO,
        Schedule.LINEAR, DEFAULT_GAMMA, DEFAULT_MAX_GRAD_NORM, DEFAULT_ACCUMULATION, DEFAULT_PATIENCE,
        DEFAULT_EVAL_BATCH_SIZE, seed);
  }
}
