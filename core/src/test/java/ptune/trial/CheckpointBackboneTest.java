package ptune.trial;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ptune.backbone.Backbone;
import ptune.backbone.BackboneCache;
import ptune.checkpoint.PromptCheckpoint;

/** A prompt trained on one backbone is refused on another, before any data is read. */
class CheckpointBackboneTest {

  @Test
  void minilmPromptIsRefusedOnBgeSmall(@TempDir Path tmp) throws Exception {
    Backbone minilm = BackboneCache.get("minilm-l6");
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put(PromptCheckpoint.BACKBONE, minilm.name());
    settings.put(PromptCheckpoint.FINGERPRINT, minilm.fingerprint());
    settings.put(PromptCheckpoint.TASK, "rte");
    settings.put(PromptCheckpoint.METHOD, "pt2");
    settings.put("seed", "1");
    Path dir = tmp.resolve("ckpt");
    new PromptCheckpoint(settings, Map.of("prefix", new float[] {0f}),
        Map.of("prefix", new long[] {1})).save(dir);

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> CheckpointModel.evaluateOnDev(dir, "bge-small", tmp, "cpu"));
    assertTrue(e.getMessage().contains("minilm-l6") && e.getMessage().contains("bge-small"),
        e.getMessage());
  }
}
