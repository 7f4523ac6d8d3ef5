package ptune.predict;

import java.io.Serializable;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import ptune.checkpoint.PromptCheckpoint;

/**
 * A prompt checkpoint as Spark ships it to the executors (one broadcast, fetched once per
 * executor): its settings and tensors, without the files, so executors need no shared file system.
 */
final class CheckpointPayload implements Serializable {
  private static final long serialVersionUID = 1L;

  private final LinkedHashMap<String, String> settings;
  private final HashMap<String, float[]> tensors;
  private final HashMap<String, long[]> shapes;

  CheckpointPayload(PromptCheckpoint checkpoint) {
    this.settings = new LinkedHashMap<>(checkpoint.settings());
    this.tensors = new HashMap<>(checkpoint.tensors());
    this.shapes = new HashMap<>(checkpoint.shapes());
  }

  PromptCheckpoint checkpoint() {
    return new PromptCheckpoint(settings, tensors, shapes);
  }

  /** Identifies the checkpoint: its tensors' checksum when it has one, else its settings. */
  String identity() {
    String sha = settings.get(PromptCheckpoint.TENSORS_SHA256);
    return sha != null ? sha : settings.toString() + System.identityHashCode(tensors);
  }
}
