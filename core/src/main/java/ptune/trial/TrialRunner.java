package ptune.trial;

import java.io.Serializable;

/**
 * Runs one trial to completion and reports its result; never throws for a problem inside the
 * trial (that becomes a {@link TrialStatus#FAILED} result), so one bad grid point cannot stop a sweep.
 */
public interface TrialRunner extends Serializable {
  TrialResult run(TrialSpec spec, TrialEnvironment environment);
}
