package ptune.backbone.weights;

/**
 * LevelDB and TensorFlow store crc32c values "masked" (rotated and offset) so that a crc of data
 * that itself contains crcs stays well distributed (leveldb/util/crc32c.h, tensorflow/tsl
 * crc32c.h).
 */
final class MaskedCrc32c {

  private static final int MASK_DELTA = 0xa282ead8;

  private MaskedCrc32c() {}

  static int mask(int crc) {
    return ((crc >>> 15) | (crc << 17)) + MASK_DELTA;
  }
}
