package ptune.backbone.weights;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.function.LongConsumer;

/**
 * Reads one protobuf message in wire format (https://protobuf.dev/programming-guides/encoding/):
 * a sequence of (tag varint = field number << 3 | wire type, payload). Only the wire types proto3
 * messages use are supported (VARINT, I64, LEN, I32); groups are rejected.
 *
 * <p>Every length is checked against the end of the enclosing message before it is used, so a
 * corrupt length ends in a {@link WeightFormatException}, never in a read past the message.
 */
final class ProtoWireReader {

  static final int VARINT = 0;
  static final int I64 = 1;
  static final int LEN = 2;
  static final int I32 = 5;

  private final ByteBuffer buffer;
  private final String source;
  private final String message;
  private final int end;
  private int position;
  private int fieldNumber;
  private int wireType;

  /**
   * @param buffer holds the message in [start, end)
   * @param message what is being parsed (e.g. "TensorProto #12"), for error messages
   */
  ProtoWireReader(ByteBuffer buffer, int start, int end, String source, String message) {
    this.buffer = buffer;
    this.position = start;
    this.end = end;
    this.source = source;
    this.message = message;
  }

  static ProtoWireReader of(ByteBuffer buffer, String source, String message) {
    return new ProtoWireReader(buffer, buffer.position(), buffer.limit(), source, message);
  }

  boolean hasNextField() {
    return position < end;
  }

  /** Reads the next tag; then call {@link #fieldNumber()} and one read or skip method. */
  void nextField() throws WeightFormatException {
    long tag = readVarint();
    fieldNumber = (int) (tag >>> 3);
    wireType = (int) (tag & 7);
    if (fieldNumber == 0) {
      throw error("field number 0 at byte " + position + " (not a protobuf message)");
    }
  }

  int fieldNumber() {
    return fieldNumber;
  }

  int wireType() {
    return wireType;
  }

  long readVarint() throws WeightFormatException {
    long value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (position >= end) {
        throw error("varint runs past the end of the message at byte " + position);
      }
      byte b = buffer.get(position++);
      value |= (long) (b & 0x7f) << shift;
      if (b >= 0) {
        return value;
      }
    }
    throw error("varint longer than 10 bytes at byte " + position);
  }

  int readFixed32() throws WeightFormatException {
    require(4);
    int value = buffer.order(ByteOrder.LITTLE_ENDIAN).getInt(position);
    position += 4;
    return value;
  }

  /** The payload of a LEN field as a little-endian view; the bytes are not copied. */
  ByteBuffer readBytes() throws WeightFormatException {
    int length = readLength();
    ByteBuffer slice = buffer.slice(position, length).order(ByteOrder.LITTLE_ENDIAN);
    position += length;
    return slice;
  }

  /**
   * The next {@code count} bytes without a tag or length prefix (LevelDB table entries frame their
   * keys and values with explicit varint lengths).
   */
  ByteBuffer readRaw(long count) throws WeightFormatException {
    if (count < 0 || count > end - position) {
      throw error(count + " bytes requested at byte " + position + " but only " + (end - position)
          + " remain");
    }
    ByteBuffer slice = buffer.slice(position, (int) count).order(ByteOrder.LITTLE_ENDIAN);
    position += (int) count;
    return slice;
  }

  String readString() throws WeightFormatException {
    int length = readLength();
    byte[] bytes = new byte[length];
    buffer.get(position, bytes);
    position += length;
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /** A reader over the embedded message in a LEN field. */
  ProtoWireReader readMessage(String what) throws WeightFormatException {
    int length = readLength();
    ProtoWireReader inner = new ProtoWireReader(buffer, position, position + length, source, what);
    position += length;
    return inner;
  }

  /**
   * Values of a repeated varint field (e.g. TensorProto.dims), which writers may emit packed (one
   * LEN field) or one VARINT field per value; {@code sink} receives each value.
   */
  void readRepeatedVarint(LongConsumer sink) throws WeightFormatException {
    if (wireType == VARINT) {
      sink.accept(readVarint());
      return;
    }
    ProtoWireReader packed = readMessage(message);
    while (packed.hasNextField()) {
      sink.accept(packed.readVarint());
    }
  }

  void skipField() throws WeightFormatException {
    switch (wireType) {
      case VARINT -> readVarint();
      case I64 -> skip(8);
      case I32 -> skip(4);
      case LEN -> skip(readLength());
      default -> throw error("unsupported wire type " + wireType + " for field " + fieldNumber);
    }
  }

  /** Fails unless the current field has {@code expected} wire type. */
  void expectWireType(int expected) throws WeightFormatException {
    if (wireType != expected) {
      throw error("field " + fieldNumber + " has wire type " + wireType + ", expected " + expected);
    }
  }

  WeightFormatException error(String problem) {
    return new WeightFormatException(source, null, message + ": " + problem);
  }

  private int readLength() throws WeightFormatException {
    expectWireType(LEN);
    long length = readVarint();
    if (length < 0 || length > end - position) {
      throw error("field " + fieldNumber + " declares " + length + " bytes but only "
          + (end - position) + " remain");
    }
    return (int) length;
  }

  private void skip(int count) throws WeightFormatException {
    require(count);
    position += count;
  }

  private void require(int count) throws WeightFormatException {
    if (end - position < count) {
      throw error("field " + fieldNumber + " needs " + count + " bytes but only "
          + (end - position) + " remain");
    }
  }
}
