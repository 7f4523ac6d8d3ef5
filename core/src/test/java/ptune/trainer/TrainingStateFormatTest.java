package ptune.trainer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A training state survives its byte format exactly; a torn (truncated) or damaged (any single
 * bit flipped) file is reported as no usable state, naming the source, never returned.
 */
class TrainingStateFormatTest {

  private static TrainingState read(byte[] bytes) throws IOException {
    return TrainingStateFormat.read(new ByteArrayInputStream(bytes), "hdfs://nn/sweep/t1/state");
  }

  @Test
  void roundTripKeepsEveryValue() throws IOException {
    TrainingState written = sample();
    TrainingState back = read(bytes(written));
    assertEquals(written.config(), back.config());
    assertEquals(written.completedEpochs(), back.completedEpochs());
    assertEquals(written.scheduleStep(), back.scheduleStep());
    assertEquals(written.history(), back.history());
    assertEquals(written.epochsSinceBest(), back.epochsSinceBest());
    assertEquals(written.examplesSeen(), back.examplesSeen());
    assertEquals(written.seconds(), back.seconds(), 0.0);
    assertEquals(written.attachments(), back.attachments());
    assertEquals(written.best().epoch(), back.best().epoch());
    assertEquals(written.best().score(), back.best().score(), 0.0);
    assertEquals(written.best().metrics(), back.best().metrics());
    assertEquals(written.optimizer().step(), back.optimizer().step());
    for (int i = 0; i < 2; i++) {
      assertArrayEquals(written.optimizer().first().get(i), back.optimizer().first().get(i));
      assertArrayEquals(written.optimizer().second().get(i), back.optimizer().second().get(i));
    }
    assertSame(written.parameters(), back.parameters());
    assertSame(written.best().parameters(), back.best().parameters());
  }

  @Test
  void aStateBeforeAnyBestEpochKeepsItsInfiniteScore() throws IOException {
    TrainingState s = sample();
    TrainingState none = new TrainingState(s.config(), s.completedEpochs(), s.parameters(),
        s.optimizer(), s.scheduleStep(), s.history(),
        new TrainingState.Best(0, Double.NEGATIVE_INFINITY, Map.of(), s.parameters()), 2,
        s.examplesSeen(), s.seconds(), Map.of());
    TrainingState back = read(bytes(none));
    assertEquals(Double.NEGATIVE_INFINITY, back.best().score());
    assertEquals(0, back.best().epoch());
    assertEquals(Double.NaN, back.history().get(0).devMetrics().get("f1"));
  }

  @Test
  void everyTruncationIsReportedAsTorn() throws IOException {
    byte[] bytes = bytes(sample());
    for (int length = 0; length < bytes.length; length++) {
      int cut = length;
      UnusableTrainingStateException e = assertThrows(UnusableTrainingStateException.class,
          () -> read(Arrays.copyOf(bytes, cut)), "cut to " + cut + " bytes");
      assertTrue(e.getMessage().startsWith("hdfs://nn/sweep/t1/state: no usable training state: "),
          e.getMessage());
      assertTrue(e.getMessage().contains("truncated"), "cut to " + cut + ": " + e.getMessage());
    }
  }

  @Test
  void everySingleBitFlipIsDetected() throws IOException {
    byte[] bytes = bytes(sample());
    for (int bit = 0; bit < bytes.length * 8; bit++) {
      byte[] damaged = bytes.clone();
      damaged[bit / 8] ^= (byte) (1 << (bit % 8));
      int flipped = bit;
      UnusableTrainingStateException e = assertThrows(UnusableTrainingStateException.class,
          () -> read(damaged), "bit " + flipped + " flipped");
      assertTrue(e.getMessage().contains("no usable training state"), e.getMessage());
    }
  }

  @Test
  void aFlippedTensorValueIsAChecksumMismatch() throws IOException {
    byte[] bytes = bytes(sample());
    bytes[bytes.length - 40] ^= 0x01; // inside the last tensor block, before the checksum
    UnusableTrainingStateException e =
        assertThrows(UnusableTrainingStateException.class, () -> read(bytes));
    assertTrue(e.getMessage().contains("damaged (SHA-256"), e.getMessage());
  }

  @Test
  void bytesAfterTheChecksumAndForeignFilesAreRefused() throws IOException {
    byte[] bytes = bytes(sample());
    byte[] longer = Arrays.copyOf(bytes, bytes.length + 1);
    assertTrue(assertThrows(UnusableTrainingStateException.class, () -> read(longer))
        .getMessage().contains("bytes after the checksum"));
    byte[] foreign = "{\"epochs\": 4}\n".repeat(8).getBytes();
    assertTrue(assertThrows(UnusableTrainingStateException.class, () -> read(foreign))
        .getMessage().contains("not a ptune training state"));
  }

  /** A small state with every field set, non-finite scores included. */
  private static TrainingState sample() {
    Map<String, float[]> parameters = new LinkedHashMap<>();
    parameters.put("prefix.embedding", new float[] {0.5f, -1.25f, 3e-7f, Float.MIN_VALUE});
    parameters.put("head.bias", new float[] {0.1f, -0.2f});
    Map<String, float[]> best = new LinkedHashMap<>();
    best.put("prefix.embedding", new float[] {1f, 2f, 3f, 4f});
    best.put("head.bias", new float[] {-0f, 0f});
    AdamW.Moments moments = new AdamW.Moments(6,
        List.of(new float[] {1e-3f, 2e-3f, 3e-3f, 4e-3f}, new float[] {5f, 6f}),
        List.of(new float[] {1e-6f, 2e-6f, 3e-6f, 4e-6f}, new float[] {7f, 8f}));
    List<EpochReport> history = List.of(
        new EpochReport(1, 0.693, Map.of("accuracy", 0.5, "f1", Double.NaN), 0.5, 1.5, 8.0),
        new EpochReport(2, 0.1 + 0.2, Map.of("accuracy", 0.75, "f1", 0.7), 0.75, 1.25, 9.5));
    return new TrainingState(TrainerConfig.officialSuperGlue(1e-2, 4, 4, 3), 2, parameters, moments, 6, history,
        new TrainingState.Best(2, 0.75, history.get(1).devMetrics(), best), 0, 24, 2.75,
        Map.of("held_out_metrics", "[{\"accuracy\": 0.5}, {\"accuracy\": 0.625}]"));
  }

  private static byte[] bytes(TrainingState state) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    TrainingStateFormat.write(state, out);
    return out.toByteArray();
  }

  private static void assertSame(Map<String, float[]> expected, Map<String, float[]> actual) {
    assertEquals(expected.keySet(), actual.keySet());
    assertEquals(new ArrayList<>(expected.keySet()),
        new ArrayList<>(actual.keySet()), "order");
    expected.forEach((name, values) -> assertTrue(Arrays.equals(values, actual.get(name)), name));
  }
}
