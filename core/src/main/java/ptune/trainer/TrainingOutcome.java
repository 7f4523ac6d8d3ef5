package ptune.trainer;

import java.util.List;
import java.util.Map;

/**
 * The result of {@link Trainer#train}: per-epoch reports, the best epoch by dev score, and the
 * trainable parameters at that epoch (host copies, ready to save as a prompt checkpoint).
 *
 * @param diverged the loss became NaN or infinite; training stopped there
 * @param resumedEpochs epochs taken over from a saved {@link TrainingState} rather than trained
 *     by this run (0 for a run from scratch)
 */
public record TrainingOutcome(
    List<EpochReport> epochs,
    int bestEpoch,
    double bestDevScore,
    Map<String, Double> bestDevMetrics,
    Map<String, float[]> bestParameters,
    Map<String, long[]> parameterShapes,
    boolean diverged,
    double seconds,
    double examplesPerSecond,
    int resumedEpochs) {}
