package ptune.backbone.weights;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a {@link WeightSet} as safetensors (layout in {@link SafetensorsWeightReader}), e.g. to
 * cache weights converted from ONNX or TF so later runs read them directly. Tensors are stored
 * contiguously in the set's order; the header is padded with spaces to a multiple of 8 bytes, as the
 * reference implementation does, so the data starts aligned.
 */
public final class SafetensorsWriter {

  private static final ObjectMapper JSON = new ObjectMapper();

  private SafetensorsWriter() {}

  /**
   * Writes {@code weights} to {@code file} (atomically: through a temporary sibling).
   *
   * @param metadata string pairs stored as {@code __metadata__} (e.g. the source and fingerprint)
   */
  public static void write(Path file, WeightSet weights, SafetensorsDtype dtype,
      Map<String, String> metadata) throws IOException {
    byte[] header = header(weights, dtype, metadata);
    Path temp = file.resolveSibling(file.getFileName() + ".tmp");
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temp), 1 << 20)) {
      ByteBuffer length = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
      out.write(length.putLong(0, header.length).array());
      out.write(header);
      ByteBuffer chunk = ByteBuffer.allocate(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
      int perChunk = chunk.capacity() / dtype.bytesPerElement();
      for (HostTensor tensor : weights.tensors()) {
        float[] data = tensor.data();
        for (int from = 0; from < data.length; from += perChunk) {
          chunk.clear();
          dtype.encode(data, from, Math.min(data.length, from + perChunk), chunk);
          out.write(chunk.array(), 0, chunk.position());
        }
      }
    }
    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private static byte[] header(WeightSet weights, SafetensorsDtype dtype,
      Map<String, String> metadata) throws IOException {
    Map<String, Object> header = new LinkedHashMap<>();
    if (!metadata.isEmpty()) {
      header.put("__metadata__", metadata);
    }
    long offset = 0;
    for (HostTensor tensor : weights.tensors()) {
      long end = offset + (long) tensor.data().length * dtype.bytesPerElement();
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("dtype", dtype.name());
      entry.put("shape", tensor.shape());
      entry.put("data_offsets", List.of(offset, end));
      header.put(tensor.name(), entry);
      offset = end;
    }
    String json = JSON.writeValueAsString(header);
    int padding = (8 - json.getBytes(StandardCharsets.UTF_8).length % 8) % 8;
    return (json + " ".repeat(padding)).getBytes(StandardCharsets.UTF_8);
  }
}
