package ptune.backbone.weights;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Writes small TF tensor bundles (index SSTable + one data shard) for tests, following
 * tensorflow/core/util/tensor_bundle: the index has the BundleHeaderProto under the empty key, then
 * one BundleEntryProto per tensor; keys are prefix-compressed with a restart every 2 entries.
 */
final class TinyTfBundle {

  record Variable(String name, long[] shape, float[] values) {}

  final byte[] index;
  final byte[] data;

  TinyTfBundle(List<Variable> variables) {
    List<Variable> sorted =
        variables.stream().sorted(Comparator.comparing(Variable::name)).toList();
    ByteArrayOutputStream shard = new ByteArrayOutputStream();
    ByteArrayOutputStream block = new ByteArrayOutputStream();
    BlockWriter entries = new BlockWriter();
    entries.add("", new ProtoWriter().varint(1, 1).toByteArray()); // num_shards = 1
    for (Variable v : sorted) {
      byte[] bytes = ProtoWriter.floatsLe(v.values());
      ProtoWriter shape = new ProtoWriter();
      for (long dim : v.shape()) {
        shape.message(2, new ProtoWriter().varint(1, dim));
      }
      CRC32C crc = new CRC32C();
      crc.update(bytes);
      entries.add(v.name(), new ProtoWriter()
          .varint(1, 1) // DT_FLOAT
          .message(2, shape)
          .varint(4, shard.size())
          .varint(5, bytes.length)
          .fixed32(6, MaskedCrc32c.mask((int) crc.getValue()))
          .toByteArray());
      shard.writeBytes(bytes);
    }
    byte[] dataBlockHandle = writeBlock(block, entries.finish());
    byte[] metaIndexHandle = writeBlock(block, new BlockWriter().finish());
    BlockWriter indexEntries = new BlockWriter();
    indexEntries.add(sorted.get(sorted.size() - 1).name(), dataBlockHandle);
    byte[] indexHandle = writeBlock(block, indexEntries.finish());

    ByteBuffer footer = ByteBuffer.allocate(48).order(ByteOrder.LITTLE_ENDIAN);
    footer.put(metaIndexHandle).put(indexHandle);
    footer.putLong(40, 0xdb4775248b80fb57L);
    block.writeBytes(footer.array());
    this.index = block.toByteArray();
    this.data = shard.toByteArray();
  }

  /** Appends block + trailer; returns its BlockHandle. */
  private static byte[] writeBlock(ByteArrayOutputStream file, byte[] contents) {
    byte[] handle = new ProtoWriter().rawVarint(file.size()).rawVarint(contents.length).toByteArray();
    CRC32C crc = new CRC32C();
    crc.update(contents);
    crc.update(0);
    file.writeBytes(contents);
    file.write(0); // no compression
    file.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN)
        .putInt(MaskedCrc32c.mask((int) crc.getValue())).array());
    return handle;
  }

  private static final class BlockWriter {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final java.util.List<Integer> restarts = new java.util.ArrayList<>();
    private byte[] previous = new byte[0];
    private int count;

    void add(String key, byte[] value) {
      byte[] k = key.getBytes(StandardCharsets.UTF_8);
      int shared = 0;
      if (count % 2 == 0) {
        restarts.add(out.size());
      } else {
        while (shared < Math.min(k.length, previous.length) && k[shared] == previous[shared]) {
          shared++;
        }
      }
      out.writeBytes(new ProtoWriter().rawVarint(shared).rawVarint(k.length - shared)
          .rawVarint(value.length).toByteArray());
      out.write(k, shared, k.length - shared);
      out.writeBytes(value);
      previous = k;
      count++;
    }

    byte[] finish() {
      if (restarts.isEmpty()) {
        restarts.add(0);
      }
      ByteBuffer tail = ByteBuffer.allocate(4 * restarts.size() + 4).order(ByteOrder.LITTLE_ENDIAN);
      restarts.forEach(tail::putInt);
      tail.putInt(restarts.size());
      out.writeBytes(tail.array());
      return out.toByteArray();
    }
  }
}
