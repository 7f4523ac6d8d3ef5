package ptune.trainer;

import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * How one call of {@link Trainer#train} runs: from epoch 1 or from a saved state, up to which
 * epoch, and after which epochs it hands its state to a sink.
 *
 * @param resumeFrom the state an earlier run of the same {@link TrainerConfig} reached
 * @param untilEpoch stop after this epoch (0 = {@link TrainerConfig#epochs()}); the learning-rate
 *     schedule still spans all epochs, so a later run resumed from the state continues it
 * @param stateEvery hand the state to {@code stateSink} after every {@code stateEvery}-th epoch and
 *     after the run's last epoch (0 = never)
 * @param stopAfterEpoch asked after each epoch that is not the run's last: true ends the run there
 *     (e.g. a time limit), as its last epoch, so its state goes to the sink
 */
public record TrainingRun(
    Optional<TrainingState> resumeFrom, int untilEpoch, int stateEvery, TrainingStateSink stateSink,
    BooleanSupplier stopAfterEpoch) {

  public static final TrainingRun FROM_SCRATCH =
      new TrainingRun(Optional.empty(), 0, 0, TrainingStateSink.NONE, () -> false);

  public TrainingRun {
    if (untilEpoch < 0 || stateEvery < 0) {
      throw new IllegalArgumentException(
          "untilEpoch and stateEvery must be >= 0, got " + untilEpoch + " and " + stateEvery);
    }
  }

  public TrainingRun resumingFrom(TrainingState state) {
    return new TrainingRun(Optional.of(state), untilEpoch, stateEvery, stateSink, stopAfterEpoch);
  }

  public TrainingRun until(int epoch) {
    return new TrainingRun(resumeFrom, epoch, stateEvery, stateSink, stopAfterEpoch);
  }

  public TrainingRun savingStateEvery(int epochs, TrainingStateSink sink) {
    return new TrainingRun(resumeFrom, untilEpoch, epochs, sink, stopAfterEpoch);
  }

  public TrainingRun stoppingWhen(BooleanSupplier stop) {
    return new TrainingRun(resumeFrom, untilEpoch, stateEvery, stateSink, stop);
  }

  int lastEpoch(TrainerConfig config) {
    return untilEpoch == 0 ? config.epochs() : Math.min(untilEpoch, config.epochs());
  }
}
