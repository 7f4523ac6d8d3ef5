package ptune.predict;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import ptune.trial.CheckpointModel;

/**
 * The models loaded in this JVM, one per checkpoint and backbone, as DJL's Spark extension keeps
 * one predictor per executor: every partition an executor scores shares the model it loaded first.
 */
final class ExecutorModels {
  private static final Map<String, CheckpointModel> MODELS = new ConcurrentHashMap<>();

  private ExecutorModels() {}

  /** @param backbone null for the checkpoint's own */
  static CheckpointModel get(CheckpointPayload payload, String backbone) {
    String key = payload.identity() + "@" + backbone;
    return MODELS.computeIfAbsent(key,
        k -> CheckpointModel.open(payload.checkpoint(), backbone, "cpu"));
  }
}
