package ptune.trainer;

import java.util.Map;

/** What one epoch produced. */
public record EpochReport(
    int epoch, double trainLoss, Map<String, Double> devMetrics, double devScore,
    double seconds, double examplesPerSecond) {}
