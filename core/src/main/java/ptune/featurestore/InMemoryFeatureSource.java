package ptune.featurestore;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.arrow.vector.util.ByteArrayReadableSeekableByteChannel;

/**
 * Feature shards held in memory, listed in name order, for every feature set key alike: for
 * benchmarks that time decoding rather than a disk, and for tests.
 */
public final class InMemoryFeatureSource implements FeatureSource {
  private final Map<String, byte[]> shards;

  public InMemoryFeatureSource(Map<String, byte[]> shards) {
    this.shards = new TreeMap<>(shards);
  }

  /** One shard of {@code rows} written by the encoder {@code fingerprint}. */
  public static byte[] shard(List<StoredExample> rows, String fingerprint) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      FeatureShard.write(rows.iterator(), fingerprint, out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String location(FeatureSetKey key) {
    return "memory:" + key.directory();
  }

  @Override
  public List<ShardFile> shards(FeatureSetKey key) {
    return shards.keySet().stream().map(name -> (ShardFile) new ShardFile() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public String split() {
        return null;
      }

      @Override
      public SeekableByteChannel open() {
        return new ByteArrayReadableSeekableByteChannel(shards.get(name));
      }
    }).toList();
  }
}
