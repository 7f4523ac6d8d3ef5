package ptune.backbone.weights;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Reads every key/value of a LevelDB-format table, the format of TensorFlow's {@code
 * variables.index} (tensorflow/core/lib/io/table_format.txt, the same layout as LevelDB's
 * doc/table_format.md).
 *
 * <pre>
 * file   = data block* , meta-index block , index block , footer
 * footer = meta-index BlockHandle , index BlockHandle , zero padding to 40 bytes ,
 *          magic fixed64 0xdb4775248b80fb57                      (48 bytes in total)
 * BlockHandle = offset varint64 , size varint64
 * block  = entry* , restart fixed32 * num_restarts , num_restarts fixed32 ,
 *          trailer: compression type byte , masked crc32c fixed32 of (block + type byte)
 * entry  = shared varint32 , non_shared varint32 , value_length varint32 ,
 *          key suffix byte[non_shared] , value byte[value_length]
 * </pre>
 *
 * A key is the first {@code shared} bytes of the previous key followed by the suffix. The index
 * block maps a separator key to the BlockHandle of each data block. Restart points only speed up
 * seeks; a full scan does not need them.
 */
final class SsTableReader {

  private static final long MAGIC = 0xdb4775248b80fb57L;
  private static final int FOOTER_LENGTH = 48;
  private static final int TRAILER_LENGTH = 5;
  private static final byte NO_COMPRESSION = 0;

  record Entry(String key, ByteBuffer value) {}

  private final ByteBuffer table;
  private final String source;

  private SsTableReader(ByteBuffer table, String source) {
    this.table = table.order(ByteOrder.LITTLE_ENDIAN);
    this.source = source;
  }

  /** All entries in key order. */
  static List<Entry> readAll(ByteBuffer table, String source) throws WeightFormatException {
    return new SsTableReader(table, source).readAll();
  }

  private List<Entry> readAll() throws WeightFormatException {
    int length = table.limit();
    if (length < FOOTER_LENGTH || table.getLong(length - 8) != MAGIC) {
      throw new WeightFormatException(source, null,
          "not a LevelDB/TensorFlow table: missing the magic number 0xdb4775248b80fb57 in the "
              + "last 8 bytes (truncated or not an index file)");
    }
    ProtoWireReader footer =
        new ProtoWireReader(table, length - FOOTER_LENGTH, length - 8, source, "table footer");
    readHandle(footer); // the meta-index block holds no entries a tensor bundle uses
    ByteBuffer indexBlock = readHandle(footer);

    List<Entry> entries = new ArrayList<>();
    for (Entry dataBlockHandle : readBlock(indexBlock, "index block")) {
      ProtoWireReader handle = ProtoWireReader.of(dataBlockHandle.value(), source, "BlockHandle");
      entries.addAll(readBlock(readHandle(handle), "data block " + dataBlockHandle.key()));
    }
    return entries;
  }

  /** Reads a BlockHandle and returns its block's contents after checking the trailer. */
  private ByteBuffer readHandle(ProtoWireReader handle) throws WeightFormatException {
    long offset = handle.readVarint();
    long size = handle.readVarint();
    long footerStart = table.limit() - FOOTER_LENGTH;
    // written without sums, which a corrupt varint near 2^63 could overflow
    if (offset < 0 || size < 0 || offset > footerStart
        || size > footerStart - offset - TRAILER_LENGTH) {
      throw new WeightFormatException(source, null,
          "block handle [" + offset + ", +" + size + ") lies outside the file (" + table.limit()
              + " bytes)");
    }
    ByteBuffer block = table.slice((int) offset, (int) size).order(ByteOrder.LITTLE_ENDIAN);
    byte compression = table.get((int) (offset + size));
    if (compression != NO_COMPRESSION) {
      throw new WeightFormatException(source, null,
          "block at " + offset + " uses compression type " + compression
              + "; only uncompressed tables (type 0, what TF writes for bundles) are supported");
    }
    int storedCrc = table.getInt((int) (offset + size + 1));
    CRC32C crc = new CRC32C();
    crc.update(table.slice((int) offset, (int) size + 1));
    if (storedCrc != MaskedCrc32c.mask((int) crc.getValue())) {
      throw new WeightFormatException(source, null, "block at " + offset + " fails its crc32c check");
    }
    return block;
  }

  private List<Entry> readBlock(ByteBuffer block, String what) throws WeightFormatException {
    int length = block.limit();
    if (length < 4) {
      throw new WeightFormatException(source, null, what + " is shorter than its restart count");
    }
    long numRestarts = Integer.toUnsignedLong(block.getInt(length - 4));
    long entriesEnd = length - 4 - 4 * numRestarts;
    if (entriesEnd < 0) {
      throw new WeightFormatException(source, null,
          what + " declares " + numRestarts + " restarts, more than fit in " + length + " bytes");
    }
    ProtoWireReader in = new ProtoWireReader(block, 0, (int) entriesEnd, source, what);
    List<Entry> entries = new ArrayList<>();
    byte[] key = new byte[0];
    while (in.hasNextField()) {
      long shared = in.readVarint();
      long nonShared = in.readVarint();
      long valueLength = in.readVarint();
      if (shared > key.length || nonShared < 0 || valueLength < 0) {
        throw new WeightFormatException(source, null,
            what + ": corrupt entry header (shared " + shared + ", non-shared " + nonShared
                + ", value " + valueLength + ")");
      }
      ByteBuffer rest = in.readRaw(nonShared + valueLength);
      byte[] next = Arrays.copyOf(key, (int) (shared + nonShared));
      rest.get(0, next, (int) shared, (int) nonShared);
      key = next;
      ByteBuffer value = rest.slice((int) nonShared, (int) valueLength)
          .order(ByteOrder.LITTLE_ENDIAN);
      entries.add(new Entry(new String(key, StandardCharsets.UTF_8), value));
    }
    return entries;
  }
}
