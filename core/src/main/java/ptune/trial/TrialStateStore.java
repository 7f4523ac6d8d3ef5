package ptune.trial;

import java.io.IOException;
import java.util.Optional;
import ptune.trainer.TrainingState;

/**
 * Where one trial keeps its {@link TrainingState} between runs, so that a trial lost with its JVM
 * or stopped by {@code trial_timeout} continues from its last saved epoch instead of epoch 1. A
 * sweep keeps it in its store ({@code jobs: ptune.results.HadoopTrialStateStore}), a local run in a
 * directory ({@link TrialStateFile#inDirectory}).
 */
public interface TrialStateStore {
  /** No state kept: every run starts from epoch 1. */
  TrialStateStore NONE = new TrialStateStore() {
    @Override
    public Optional<TrainingState> load() {
      return Optional.empty();
    }

    @Override
    public void save(TrainingState state) {}

    @Override
    public void delete() {}

    @Override
    public String location() {
      return "nowhere";
    }
  };

  /**
   * The last saved state; empty when there is none, or when the stored one is unusable (torn or
   * damaged): that one is set aside with a warning naming it, and the trial starts from epoch 1.
   *
   * @throws IOException the store cannot be read (the trial fails rather than redo its epochs)
   */
  Optional<TrainingState> load() throws IOException;

  /** Replaces the saved state atomically: a reader sees the old one or the new one, never half. */
  void save(TrainingState state) throws IOException;

  /** Removes the saved state (the trial's result is written; nothing is left to resume). */
  void delete() throws IOException;

  /** Where the state is, for messages. */
  String location();
}
