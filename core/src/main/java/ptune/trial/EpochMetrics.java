package ptune.trial;

import java.io.Serializable;
import java.util.Map;

/** One epoch of a trial: mean training loss and the task's official dev metrics after the epoch. */
public record EpochMetrics(
    int epoch, double trainLoss, double devScore, Map<String, Double> devMetrics, double seconds)
    implements Serializable {}
