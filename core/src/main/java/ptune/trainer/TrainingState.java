package ptune.trainer;

import java.util.List;
import java.util.Map;

/**
 * Everything a training run needs to continue after {@link #completedEpochs} exactly as a run that
 * never stopped: written by {@link Trainer#train} at the epoch ends {@link TrainingRun} picks, read
 * back through {@link TrainingStateFormat}.
 *
 * <p>The random streams have no state of their own to save: each epoch's data order and dropout
 * masks are drawn from seeds that are functions of {@link TrainerConfig#seed()} and the epoch
 * ({@link EpochSeeds}).
 *
 * @param config the configuration the run was started with; a resumed run must use the same
 * @param parameters the trainable tensors after the last completed epoch, by name, in the
 *     trainer's order
 * @param optimizer AdamW's moments (aligned with {@code parameters}' order) and step count
 * @param scheduleStep optimizer steps the learning-rate schedule has taken
 * @param history one report per completed epoch
 * @param epochsSinceBest epochs since the best one, as patience counts them
 * @param examplesSeen training examples consumed so far, for the run's throughput
 * @param seconds training time so far
 * @param attachments what the caller keeps with the state in the same self-checking file (e.g. a
 *     runner's per-epoch held-out and test metrics, as JSON); the trainer hands out none and
 *     ignores them on resume
 */
public record TrainingState(
    TrainerConfig config,
    int completedEpochs,
    Map<String, float[]> parameters,
    AdamW.Moments optimizer,
    long scheduleStep,
    List<EpochReport> history,
    Best best,
    int epochsSinceBest,
    long examplesSeen,
    double seconds,
    Map<String, String> attachments) {

  public TrainingState {
    attachments = Map.copyOf(attachments);
    if (history.size() != completedEpochs) {
      throw new IllegalArgumentException(
          history.size() + " epoch reports for " + completedEpochs + " completed epochs");
    }
    if (optimizer.first().size() != parameters.size()
        || optimizer.second().size() != parameters.size()) {
      throw new IllegalArgumentException("optimizer moments for " + optimizer.first().size() + "/"
          + optimizer.second().size() + " arrays, " + parameters.size() + " parameters");
    }
    if (!best.parameters().keySet().equals(parameters.keySet())) {
      throw new IllegalArgumentException("the best epoch's tensors " + best.parameters().keySet()
          + " are not the trainable tensors " + parameters.keySet());
    }
  }

  public TrainingState withAttachments(Map<String, String> newAttachments) {
    return new TrainingState(config, completedEpochs, parameters, optimizer, scheduleStep, history,
        best, epochsSinceBest, examplesSeen, seconds, newAttachments);
  }

  /**
   * The best epoch so far by dev score (epoch 0, score -infinity and the initial parameters before
   * any epoch beat it).
   */
  public record Best(
      int epoch, double score, Map<String, Double> metrics, Map<String, float[]> parameters) {}
}
