package ptune.trainer;

import java.util.Optional;

/**
 * How one call of {@link Trainer#train} runs: from epoch 1 or from a saved state, up to which
 * epoch, and after which epochs it hands its state to a sink.
 *
 * @param resumeFrom the state an earlier run of the same {@link TrainerConfig} reached
 * @param untilEpoch stop after this epoch (0 = {@link TrainerConfig#epochs()}); the learning-rate
 *     schedule still spans all epochs, so a later run resumed from the state continues it
 * @param stateEvery hand the state to {@code stateSink} after every {@code stateEvery}-th epoch and
 *     after the run's last epoch (0 = never)
 */
public record TrainingRun(
    Optional<TrainingState> resumeFrom, int untilEpoch, int stateEvery, TrainingStateSink stateSink) {

  public static final TrainingRun FROM_SCRATCH =
      new TrainingRun(Optional.empty(), 0, 0, TrainingStateSink.NONE);

  public TrainingRun {
    if (untilEpoch < 0 || stateEvery < 0) {
      throw new IllegalArgumentException(
          "untilEpoch and stateEvery must be >= 0, got " + untilEpoch + " and " + stateEvery);
    }
  }

  public TrainingRun resumingFrom(TrainingState state) {
    return new TrainingRun(Optional.of(state), untilEpoch, stateEvery, stateSink);
  }

  public TrainingRun until(int epoch) {
    return new TrainingRun(resumeFrom, epoch, stateEvery, stateSink);
  }

  public TrainingRun savingStateEvery(int epochs, TrainingStateSink sink) {
    return new TrainingRun(resumeFrom, untilEpoch, epochs, sink);
  }

  int lastEpoch(TrainerConfig config) {
    return untilEpoch == 0 ? config.epochs() : Math.min(untilEpoch, config.epochs());
  }
}
