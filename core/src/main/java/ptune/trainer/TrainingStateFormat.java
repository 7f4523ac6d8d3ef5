package ptune.trainer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link TrainingState} as bytes, self-checking so that a torn or damaged file is recognized
 * rather than resumed from:
 *
 * <pre>
 *   "PTUNE-TS"  format version (int)
 *   header length (int)  header: UTF-8 JSON (config, counters, history, best epoch, attachments,
 *     tensor list)
 *   per section (parameters, first moments, second moments, best epoch's parameters),
 *     per tensor in the header's order: value count (int), float32 values
 *   SHA-256 of all bytes above (32 bytes)
 * </pre>
 *
 * Integers and floats are big-endian. Each tensor's count is written twice (header and block), so
 * a damaged count is caught before it sizes an allocation; the checksum catches everything else.
 * Streams only: the caller picks the filesystem and makes the write atomic (write, then rename).
 */
public final class TrainingStateFormat {
  private static final byte[] MAGIC = "PTUNE-TS".getBytes(StandardCharsets.US_ASCII);
  private static final int VERSION = 1;
  private static final int MAX_HEADER_BYTES = 64 << 20;
  private static final int DIGEST_BYTES = 32;
  private static final int CHUNK_FLOATS = 16384;
  private static final ObjectMapper JSON = new ObjectMapper();

  private TrainingStateFormat() {}

  /** The JSON part: everything but the tensor values. */
  record Header(
      TrainerConfig config,
      int completedEpochs,
      long scheduleStep,
      long optimizerStep,
      List<EpochReport> history,
      int bestEpoch,
      double bestScore,
      Map<String, Double> bestMetrics,
      int epochsSinceBest,
      long examplesSeen,
      double seconds,
      Map<String, String> attachments,
      List<Tensor> tensors) {}

  record Tensor(String name, int values) {}

  /** Writes {@code state} to {@code out} (flushed, not closed). */
  public static void write(TrainingState state, OutputStream out) throws IOException {
    MessageDigest sha = sha256();
    DataOutputStream data = new DataOutputStream(new DigestOutputStream(out, sha));
    List<Tensor> tensors = new ArrayList<>();
    state.parameters().forEach((name, values) -> tensors.add(new Tensor(name, values.length)));
    TrainingState.Best best = state.best();
    Header header = new Header(state.config(), state.completedEpochs(), state.scheduleStep(),
        state.optimizer().step(), state.history(), best.epoch(), best.score(), best.metrics(),
        state.epochsSinceBest(), state.examplesSeen(), state.seconds(), state.attachments(),
        tensors);
    byte[] json = JSON.writeValueAsBytes(header);
    data.write(MAGIC);
    data.writeInt(VERSION);
    data.writeInt(json.length);
    data.write(json);
    byte[] chunk = new byte[CHUNK_FLOATS * Float.BYTES];
    for (float[] values : state.parameters().values()) {
      writeFloats(data, values, chunk);
    }
    for (float[] values : state.optimizer().first()) {
      writeFloats(data, values, chunk);
    }
    for (float[] values : state.optimizer().second()) {
      writeFloats(data, values, chunk);
    }
    for (String name : state.parameters().keySet()) {
      writeFloats(data, best.parameters().get(name), chunk);
    }
    data.flush();
    out.write(sha.digest());
    out.flush();
  }

  /**
   * Reads a state {@link #write} wrote, verifying its length and checksum.
   *
   * @param source names the stream in messages (e.g. the file's path)
   * @throws UnusableTrainingStateException the bytes are truncated, damaged or not a training state
   * @throws IOException reading {@code in} failed
   */
  public static TrainingState read(InputStream in, String source) throws IOException {
    MessageDigest sha = sha256();
    DigestInputStream digesting = new DigestInputStream(new BufferedInputStream(in), sha);
    DataInputStream data = new DataInputStream(digesting);
    long[] offset = {0};
    try {
      byte[] magic = new byte[MAGIC.length];
      data.readFully(magic);
      if (!Arrays.equals(magic, MAGIC)) {
        throw unusable(source, "not a ptune training state (it does not start with "
            + new String(MAGIC, StandardCharsets.US_ASCII) + ")");
      }
      int version = data.readInt();
      if (version != VERSION) {
        throw unusable(source, "format version " + version + ", this ptune reads " + VERSION);
      }
      int headerBytes = data.readInt();
      if (headerBytes <= 0 || headerBytes > MAX_HEADER_BYTES) {
        throw unusable(source, "damaged (header length " + headerBytes + ")");
      }
      byte[] json = new byte[headerBytes];
      data.readFully(json);
      offset[0] = MAGIC.length + 8L + headerBytes;
      Header header;
      try {
        header = JSON.readValue(json, Header.class);
      } catch (JsonProcessingException e) {
        throw unusable(source, "damaged (header unreadable: " + e.getOriginalMessage() + ")", e);
      }
      byte[] chunk = new byte[CHUNK_FLOATS * Float.BYTES];
      Map<String, float[]> parameters = readSection(data, header, chunk, source, offset);
      Map<String, float[]> first = readSection(data, header, chunk, source, offset);
      Map<String, float[]> second = readSection(data, header, chunk, source, offset);
      Map<String, float[]> bestParameters = readSection(data, header, chunk, source, offset);
      byte[] expected = sha.digest();
      byte[] recorded = new byte[DIGEST_BYTES];
      digesting.on(false);
      data.readFully(recorded);
      if (!Arrays.equals(expected, recorded)) {
        throw unusable(source, "damaged (SHA-256 of the content is "
            + HexFormat.of().formatHex(expected) + ", the file records "
            + HexFormat.of().formatHex(recorded) + ")");
      }
      if (data.read() != -1) {
        throw unusable(source, "damaged (bytes after the checksum)");
      }
      return new TrainingState(header.config(), header.completedEpochs(), parameters,
          new AdamW.Moments(header.optimizerStep(), new ArrayList<>(first.values()),
              new ArrayList<>(second.values())),
          header.scheduleStep(), header.history(),
          new TrainingState.Best(header.bestEpoch(), header.bestScore(), header.bestMetrics(),
              bestParameters),
          header.epochsSinceBest(), header.examplesSeen(), header.seconds(),
          header.attachments());
    } catch (EOFException e) {
      throw unusable(source, "truncated (it ends after byte " + offset[0]
          + ", before its checksum: a torn write?)", e);
    } catch (IllegalArgumentException | NullPointerException e) {
      // a header that parsed but does not describe a consistent state
      throw unusable(source, "damaged (" + e.getMessage() + ")", e);
    }
  }

  private static Map<String, float[]> readSection(DataInputStream data, Header header,
      byte[] chunk, String source, long[] offset) throws IOException {
    Map<String, float[]> section = new LinkedHashMap<>();
    for (Tensor tensor : header.tensors()) {
      int count = data.readInt();
      if (count != tensor.values() || count < 0) {
        throw unusable(source, "damaged (tensor " + tensor.name() + " has " + count
            + " values at byte " + offset[0] + ", the header says " + tensor.values() + ")");
      }
      float[] values = new float[count];
      for (int done = 0; done < count; ) {
        int n = Math.min(CHUNK_FLOATS, count - done);
        data.readFully(chunk, 0, n * Float.BYTES);
        ByteBuffer.wrap(chunk, 0, n * Float.BYTES).asFloatBuffer().get(values, done, n);
        done += n;
      }
      offset[0] += 4L + 4L * count;
      section.put(tensor.name(), values);
    }
    return section;
  }

  private static void writeFloats(DataOutputStream data, float[] values, byte[] chunk)
      throws IOException {
    data.writeInt(values.length);
    for (int done = 0; done < values.length; ) {
      int n = Math.min(CHUNK_FLOATS, values.length - done);
      ByteBuffer.wrap(chunk, 0, n * Float.BYTES).asFloatBuffer().put(values, done, n);
      data.write(chunk, 0, n * Float.BYTES);
      done += n;
    }
  }

  private static UnusableTrainingStateException unusable(String source, String reason) {
    return new UnusableTrainingStateException(source + ": no usable training state: " + reason);
  }

  private static UnusableTrainingStateException unusable(
      String source, String reason, Throwable cause) {
    return new UnusableTrainingStateException(
        source + ": no usable training state: " + reason, cause);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
    }
  }
}
