package ptune.backbone.weights;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;

/**
 * Reads a safetensors file (https://huggingface.co/docs/safetensors, the format of Hugging Face
 * checkpoints and of this project's weight cache) and names its tensors with {@link
 * HfParameterNames}.
 *
 * <pre>
 * file   = header_length u64 little-endian , header JSON (header_length bytes) , data
 * header = { "__metadata__": {string: string}?,
 *            NAME: {"dtype": "F32"|"F16"|"BF16"|..., "shape": [int...],
 *                   "data_offsets": [begin, end]}, ... }      offsets relative to the data start
 * </pre>
 *
 * Every length and offset is checked against the file size before anything is allocated.
 */
public final class SafetensorsWeightReader {

  /** The reference implementation refuses larger headers too. */
  private static final long MAX_HEADER_BYTES = 100L << 20;

  private static final ObjectMapper JSON = new ObjectMapper();

  private SafetensorsWeightReader() {}

  public static WeightSet read(Path file) throws IOException {
    String source = file.toString();
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long fileSize = channel.size();
      if (fileSize < 8) {
        throw new WeightFormatException(source, null,
            "only " + fileSize + " bytes, shorter than the 8-byte header length");
      }
      long headerLength = readFully(channel, 0, 8, source).getLong();
      if (headerLength < 2 || headerLength > fileSize - 8 || headerLength > MAX_HEADER_BYTES) {
        throw new WeightFormatException(source, null,
            "header length " + Long.toUnsignedString(headerLength) + " does not fit in the file ("
                + fileSize + " bytes; truncated or not safetensors)");
      }
      JsonNode header = parseHeader(readFully(channel, 8, (int) headerLength, source), source);
      long dataStart = 8 + headerLength;
      long dataSize = fileSize - dataStart;

      WeightSetBuilder weights = new WeightSetBuilder(source);
      for (Iterator<Map.Entry<String, JsonNode>> it = header.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        if (field.getKey().equals("__metadata__")) {
          continue;
        }
        String name = HfParameterNames.canonical(field.getKey());
        if (name == null) {
          continue; // a buffer (position_ids), not a parameter
        }
        TensorInfo info = TensorInfo.parse(field.getKey(), field.getValue(), dataSize, source);
        float[] data = new float[(int) info.elementCount()];
        ByteBuffer bytes = channel
            .map(FileChannel.MapMode.READ_ONLY, dataStart + info.begin(), info.end() - info.begin())
            .order(ByteOrder.LITTLE_ENDIAN);
        info.dtype().decode(bytes, data);
        weights.add(new HostTensor(name, info.shape(), data));
      }
      return weights.build();
    }
  }

  private static JsonNode parseHeader(ByteBuffer bytes, String source)
      throws WeightFormatException {
    byte[] json = new byte[bytes.remaining()];
    bytes.get(json);
    try {
      JsonNode header = JSON.readTree(json);
      if (header == null || !header.isObject()) {
        throw new WeightFormatException(source, null, "header is not a JSON object");
      }
      return header;
    } catch (JsonProcessingException e) {
      throw new WeightFormatException(
          source, null, "header is not valid JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new WeightFormatException(source, null, "header cannot be read", e);
    }
  }

  private static ByteBuffer readFully(FileChannel channel, long position, int length, String source)
      throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
    while (buffer.hasRemaining()) {
      if (channel.read(buffer, position + buffer.position()) < 0) {
        throw new WeightFormatException(source, null, "file ends inside the header");
      }
    }
    return buffer.flip();
  }

  /** One header entry, validated against the data section's size. */
  private record TensorInfo(
      SafetensorsDtype dtype, long[] shape, long elementCount, long begin, long end) {

    static TensorInfo parse(String name, JsonNode entry, long dataSize, String source)
        throws WeightFormatException {
      JsonNode dtypeNode = entry.path("dtype");
      SafetensorsDtype dtype = SafetensorsDtype.parse(dtypeNode.asText());
      if (dtype == null) {
        throw new WeightFormatException(source, name,
            "dtype " + dtypeNode + " is not a float type this reader converts (F32, F16, BF16)");
      }
      long[] shape = integers(entry.path("shape"), -1, source, name, "shape");
      long[] offsets = integers(entry.path("data_offsets"), 2, source, name, "data_offsets");
      long count = HostTensor.elementCount(shape);
      if (count < 0) {
        throw new WeightFormatException(source, name, "invalid shape " + Arrays.toString(shape));
      }
      long begin = offsets[0];
      long end = offsets[1];
      if (begin < 0 || end < begin || end > dataSize) {
        throw new WeightFormatException(source, name,
            "data_offsets [" + begin + ", " + end + "] lie outside the " + dataSize
                + "-byte data section (truncated file?)");
      }
      if (end - begin != count * dtype.bytesPerElement()) {
        throw new WeightFormatException(source, name,
            "shape " + Arrays.toString(shape) + " of " + dtype + " needs "
                + count * dtype.bytesPerElement() + " bytes, data_offsets give " + (end - begin));
      }
      return new TensorInfo(dtype, shape, count, begin, end);
    }

    private static long[] integers(JsonNode array, int expectedLength, String source, String name,
        String field) throws WeightFormatException {
      if (!array.isArray() || (expectedLength >= 0 && array.size() != expectedLength)) {
        throw new WeightFormatException(source, name, "'" + field + "' is missing or malformed");
      }
      long[] values = new long[array.size()];
      for (int i = 0; i < values.length; i++) {
        JsonNode value = array.get(i);
        if (!value.canConvertToLong() || !value.isIntegralNumber()) {
          throw new WeightFormatException(source, name, "'" + field + "' holds " + value);
        }
        values[i] = value.asLong();
      }
      return values;
    }
  }
}
