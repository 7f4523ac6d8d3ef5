package ptune.backbone.weights;

/**
 * IEEE 754 binary16 ("half", safetensors F16) and bfloat16 (BF16, the upper half of a float32)
 * conversions. Java 17 has neither ({@code Float.float16ToFloat} arrived in Java 20).
 */
final class Float16 {

  private Float16() {}

  static float halfToFloat(short half) {
    int bits = half & 0xffff;
    int sign = (bits & 0x8000) << 16;
    int exponent = (bits >>> 10) & 0x1f;
    int mantissa = bits & 0x3ff;
    if (exponent == 0x1f) { // infinity or NaN: keep the payload
      return Float.intBitsToFloat(sign | 0x7f800000 | (mantissa << 13));
    }
    if (exponent == 0) { // zero or subnormal: mantissa * 2^-24
      float magnitude = mantissa * 0x1p-24f;
      return sign == 0 ? magnitude : -magnitude;
    }
    // rebias the exponent from 15 to 127
    return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (mantissa << 13));
  }

  /** Rounds to the nearest half, ties to even; beyond the half range gives infinity. */
  static short floatToHalf(float value) {
    int bits = Float.floatToRawIntBits(value);
    int sign = (bits >>> 16) & 0x8000;
    int magnitude = bits & 0x7fffffff;
    if (magnitude > 0x7f800000) { // NaN: stay a (quiet) NaN
      return (short) (sign | 0x7e00 | ((magnitude >>> 13) & 0x3ff));
    }
    if (magnitude >= 0x477ff000) { // >= 65520 rounds past the largest half (65504)
      return (short) (sign | 0x7c00);
    }
    if (magnitude < 0x38800000) { // below 2^-14: a half subnormal, in units of 2^-24
      int units = (int) Math.rint(Float.intBitsToFloat(magnitude) * 0x1p24);
      return (short) (sign | units);
    }
    int half = ((magnitude >>> 23) - 112) << 10 | (magnitude >>> 13) & 0x3ff;
    int dropped = magnitude & 0x1fff;
    if (dropped > 0x1000 || (dropped == 0x1000 && (half & 1) == 1)) {
      half++; // a carry into the exponent is the correct rounding
    }
    return (short) (sign | half);
  }

  static float bfloat16ToFloat(short bf16) {
    return Float.intBitsToFloat((bf16 & 0xffff) << 16);
  }

  /** Rounds to the nearest bfloat16, ties to even. */
  static short floatToBfloat16(float value) {
    int bits = Float.floatToRawIntBits(value);
    if ((bits & 0x7fffffff) > 0x7f800000) {
      return (short) ((bits >>> 16) | 0x40); // NaN: keep it quiet
    }
    return (short) ((bits + 0x7fff + ((bits >>> 16) & 1)) >>> 16);
  }
}
