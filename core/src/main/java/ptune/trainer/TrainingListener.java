package ptune.trainer;

/** Progress of a training run, epoch by epoch. */
public interface TrainingListener {
  TrainingListener NONE = new TrainingListener() {};

  default void epochFinished(EpochReport report) {}
}
