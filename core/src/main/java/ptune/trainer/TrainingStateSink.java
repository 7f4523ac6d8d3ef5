package ptune.trainer;

import java.io.IOException;

/** Receives a run's {@link TrainingState} at the epoch ends {@link TrainingRun} picks. */
@FunctionalInterface
public interface TrainingStateSink {
  TrainingStateSink NONE = state -> {};

  void save(TrainingState state) throws IOException;
}
