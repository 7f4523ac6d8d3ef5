package ptune.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A prompt checkpoint damaged on disk after it was saved: values overwritten in place (same size,
 * same shapes, so the safetensors header still parses) and a truncated file are errors naming the
 * file, not a prompt that loads and scores silently worse.
 */
class CheckpointFaultsTest {

  @TempDir Path dir;

  private PromptCheckpoint saved() throws IOException {
    Map<String, float[]> tensors = new LinkedHashMap<>();
    Map<String, long[]> shapes = new LinkedHashMap<>();
    float[] prefix = new float[4 * 8];
    for (int i = 0; i < prefix.length; i++) {
      prefix[i] = (float) Math.sin(i);
    }
    tensors.put("prefix.embedding", prefix);
    shapes.put("prefix.embedding", new long[] {4, 8});
    tensors.put("head.bias", new float[] {0.1f, -0.2f, 0.3f});
    shapes.put("head.bias", new long[] {3});
    PromptCheckpoint checkpoint = new PromptCheckpoint(
        Map.of(PromptCheckpoint.BACKBONE, "minilm-l6", PromptCheckpoint.TASK, "cb", PromptCheckpoint.METHOD, "pt2"),
        tensors, shapes);
    checkpoint.save(dir);
    return checkpoint;
  }

  @Test
  void anIntactCheckpointLoadsWithItsChecksumVerified() throws IOException {
    PromptCheckpoint written = saved();
    Map<?, ?> json = new ObjectMapper().readValue(dir.resolve(PromptCheckpoint.SETTINGS_FILE).toFile(), Map.class);
    assertTrue(String.valueOf(json.get(PromptCheckpoint.TENSORS_SHA256)).matches("[0-9a-f]{64}"), json.toString());
    PromptCheckpoint read = PromptCheckpoint.load(dir);
    assertArrayEquals(written.tensors().get("prefix.embedding"), read.tensors().get("prefix.embedding"));
    assertEquals("pt2", read.settings().get(PromptCheckpoint.METHOD));
  }

  @Test
  void valuesOverwrittenInPlaceAreAnErrorNamingTheFile() throws IOException {
    saved();
    Path tensors = dir.resolve(PromptCheckpoint.TENSORS_FILE);
    long size = Files.size(tensors);
    try (RandomAccessFile file = new RandomAccessFile(tensors.toFile(), "rw")) {
      file.seek(size - 8); // inside the last tensor's data: the header stays valid
      file.write(new byte[] {0, 0, (byte) 0x80, 0x3f, 0, 0, (byte) 0x80, 0x3f}); // 1.0f, 1.0f
    }
    assertEquals(size, Files.size(tensors), "same size: nothing but the checksum can tell");
    IOException e = assertThrows(IOException.class, () -> PromptCheckpoint.load(dir));
    assertTrue(e.getMessage().startsWith(tensors + ": SHA-256 "), e.getMessage());
    assertTrue(e.getMessage().contains("recorded in " + dir.resolve(PromptCheckpoint.SETTINGS_FILE)), e.getMessage());
  }

  @Test
  void aTruncatedTensorsFileIsAnErrorNamingTheFile() throws IOException {
    saved();
    Path tensors = dir.resolve(PromptCheckpoint.TENSORS_FILE);
    byte[] bytes = Files.readAllBytes(tensors);
    Files.write(tensors, java.util.Arrays.copyOf(bytes, bytes.length - 10));
    IOException e = assertThrows(IOException.class, () -> PromptCheckpoint.load(dir));
    assertTrue(e.getMessage().startsWith(tensors.toString()), e.getMessage());
  }
}
