package ptune.backbone.weights;

import java.nio.ByteBuffer;

/** The floating-point element types of safetensors that convert to float32 without loss of meaning. */
public enum SafetensorsDtype {
  F32(4),
  F16(2),
  BF16(2);

  private final int bytes;

  SafetensorsDtype(int bytes) {
    this.bytes = bytes;
  }

  public int bytesPerElement() {
    return bytes;
  }

  /** The dtype spelled {@code name} in a header, or null when it is not one of these. */
  static SafetensorsDtype parse(String name) {
    for (SafetensorsDtype dtype : values()) {
      if (dtype.name().equals(name)) {
        return dtype;
      }
    }
    return null;
  }

  /** Decodes {@code out.length} little-endian elements from {@code in}. */
  void decode(ByteBuffer in, float[] out) {
    switch (this) {
      case F32 -> in.asFloatBuffer().get(out);
      case F16 -> {
        for (int i = 0; i < out.length; i++) {
          out[i] = Float16.halfToFloat(in.getShort(i * 2));
        }
      }
      case BF16 -> {
        for (int i = 0; i < out.length; i++) {
          out[i] = Float16.bfloat16ToFloat(in.getShort(i * 2));
        }
      }
    }
  }

  /** Encodes {@code values[from, to)} into the little-endian buffer {@code out}. */
  void encode(float[] values, int from, int to, ByteBuffer out) {
    for (int i = from; i < to; i++) {
      switch (this) {
        case F32 -> out.putFloat(values[i]);
        case F16 -> out.putShort(Float16.floatToHalf(values[i]));
        case BF16 -> out.putShort(Float16.floatToBfloat16(values[i]));
      }
    }
  }
}
