package ptune.trial;

/** Progress callbacks from a running trial (the Spark job forwards them to the driver's console). */
public interface TrialListener {
  TrialListener NONE = new TrialListener() {};

  default void epochFinished(TrialSpec spec, EpochMetrics metrics, double examplesPerSecond) {}
}
