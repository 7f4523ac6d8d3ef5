package ptune.trainer;

/** Learning rate at an optimizer step, following {@link TrainerConfig#schedule()}. */
final class LearningRateSchedule {
  private final TrainerConfig config;
  private final long totalSteps;
  private final long warmupSteps;
  private final long stepsPerEpoch;

  LearningRateSchedule(TrainerConfig config, long stepsPerEpoch) {
    this.config = config;
    this.stepsPerEpoch = stepsPerEpoch;
    this.totalSteps = stepsPerEpoch * config.epochs();
    this.warmupSteps = (long) Math.ceil(config.warmupRatio() * totalSteps);
  }

  /** @param step 0-based optimizer step */
  double at(long step) {
    double base = config.learningRate();
    if (step < warmupSteps) {
      return base * (step + 1) / warmupSteps;
    }
    return switch (config.schedule()) {
      // HF get_linear_schedule_with_warmup: lr * (total - step) / (total - warmup)
      case LINEAR -> base * Math.max(0, totalSteps - step) / Math.max(1, totalSteps - warmupSteps);
      // torch ExponentialLR stepped once per epoch
      case EXPONENTIAL -> base * Math.pow(config.gamma(), step / Math.max(1, stepsPerEpoch));
    };
  }
}
