package ptune.trial;

import java.io.Serializable;
import java.nio.file.Path;

/**
 * Runs one trial to completion and reports its result; never throws for a problem inside the
 * trial (that becomes a {@link TrialStatus#FAILED} result), so one bad grid point cannot stop a sweep.
 */
public interface TrialRunner extends Serializable {
  TrialResult run(TrialSpec spec, TrialEnvironment environment);

  /**
   * Checks on the driver, before any trial of the sweep starts, what can be known without training
   * (names, data files, limits of the backbone); the default knows nothing to check.
   *
   * @param dataDir the raw datasets root the trial would read
   * @throws InvalidTrialException naming the spec field or hyperparameter at fault
   */
  default void validate(TrialSpec spec, Path dataDir) {}
}
