package ptune.trainer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Collation shapes labels by the kind of target: [B], [B, T] padded with -100, or [B, 2]. */
class BatchTest {

  @Test
  void tokenLabelsArePaddedWithIgnore() {
    try (NDManager manager = NDManager.newBaseManager()) {
      Batch batch = Batch.collate(List.of(
          EncodedExample.single(new int[] {101, 7, 102}, new int[3],
              new Target.PerToken(new int[] {-100, 3, -100})),
          EncodedExample.single(new int[] {101, 7, 8, 9, 102}, new int[5],
              new Target.PerToken(new int[] {-100, 1, 0, -100, -100}))), 0, manager);
      assertArrayEquals(new long[] {2, 5}, batch.labels().getShape().getShape());
      assertArrayEquals(new long[] {-100, 3, -100, -100, -100, -100, 1, 0, -100, -100},
          batch.labels().toLongArray());
      assertArrayEquals(new long[] {1, 1, 1, 0, 0, 1, 1, 1, 1, 1},
          batch.inputs().attentionMask().toLongArray());
    }
  }

  @Test
  void spansBecomeStartEndPairs() {
    try (NDManager manager = NDManager.newBaseManager()) {
      Batch batch = Batch.collate(List.of(
          EncodedExample.single(new int[] {101, 7, 8, 102}, new int[4], new Target.Span(1, 2)),
          EncodedExample.single(new int[] {101, 7, 102}, new int[3], new Target.Span(0, 0))),
          0, manager);
      assertArrayEquals(new long[] {1, 2, 0, 0}, batch.labels().toLongArray());
      assertArrayEquals(new long[] {2, 2}, batch.labels().getShape().getShape());
    }
  }

  @Test
  void wholeExampleLabelsStayOnePerExample() {
    try (NDManager manager = NDManager.newBaseManager()) {
      Batch batch = Batch.collate(List.of(
          EncodedExample.single(new int[] {101, 102}, new int[2], 1f),
          EncodedExample.single(new int[] {101, 5, 102}, new int[3], 0f)), 0, manager);
      assertArrayEquals(new float[] {1f, 0f}, batch.labels().toFloatArray());
      assertArrayEquals(new Shape(2).getShape(), batch.labels().getShape().getShape());
    }
  }

  @Test
  void mixedTargetsAreRejected() {
    try (NDManager manager = NDManager.newBaseManager()) {
      List<EncodedExample> mixed = List.of(
          EncodedExample.single(new int[] {101, 102}, new int[2], 1f),
          EncodedExample.single(new int[] {101, 102}, new int[2], new Target.Span(0, 0)));
      assertThrows(IllegalArgumentException.class, () -> Batch.collate(mixed, 0, manager));
    }
  }

  @Test
  void tokenLabelsMustCoverTheRow() {
    assertThrows(IllegalArgumentException.class, () -> EncodedExample.single(
        new int[] {101, 7, 102}, new int[3], new Target.PerToken(new int[] {-100, 1})));
  }
}
