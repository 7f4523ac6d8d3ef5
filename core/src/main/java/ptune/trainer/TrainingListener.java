package ptune.trainer;

/** Progress of a training run, epoch by epoch. */
@FunctionalInterface
public interface TrainingListener {
  TrainingListener NONE = report -> {};

  void epochFinished(EpochReport report);
}
