package ptune.backbone.weights;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Builds protobuf messages in wire format, to generate small ONNX and TF bundle test files. */
final class ProtoWriter {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  ProtoWriter varint(int field, long value) {
    tag(field, 0);
    writeVarint(value);
    return this;
  }

  ProtoWriter bytes(int field, byte[] value) {
    tag(field, 2);
    writeVarint(value.length);
    out.writeBytes(value);
    return this;
  }

  ProtoWriter string(int field, String value) {
    return bytes(field, value.getBytes(StandardCharsets.UTF_8));
  }

  ProtoWriter message(int field, ProtoWriter value) {
    return bytes(field, value.toByteArray());
  }

  ProtoWriter fixed32(int field, int value) {
    tag(field, 5);
    out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(value).array());
    return this;
  }

  ProtoWriter packedVarints(int field, long... values) {
    ProtoWriter packed = new ProtoWriter();
    for (long v : values) {
      packed.writeVarint(v);
    }
    return bytes(field, packed.toByteArray());
  }

  ProtoWriter raw(byte[] bytes) {
    out.writeBytes(bytes);
    return this;
  }

  ProtoWriter rawVarint(long value) {
    writeVarint(value);
    return this;
  }

  byte[] toByteArray() {
    return out.toByteArray();
  }

  static byte[] floatsLe(float... values) {
    ByteBuffer buffer = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : values) {
      buffer.putFloat(v);
    }
    return buffer.array();
  }

  private void tag(int field, int wireType) {
    writeVarint((long) field << 3 | wireType);
  }

  private void writeVarint(long value) {
    while ((value & ~0x7fL) != 0) {
      out.write((int) (value & 0x7f) | 0x80);
      value >>>= 7;
    }
    out.write((int) value);
  }
}
