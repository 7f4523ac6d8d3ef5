package ptune.featurestore;

import java.io.IOException;
import java.io.Serializable;
import java.nio.channels.SeekableByteChannel;
import java.util.List;

/**
 * Where trials find the feature shards preprocessing wrote: a local directory, HDFS or any other
 * Hadoop filesystem. Implementations only list and open files; {@link StoredFeatureSet} reads them.
 */
public interface FeatureSource extends Serializable {

  /** No stored features: every trial tokenizes its own examples. */
  FeatureSource NONE = new FeatureSource() {
    @Override
    public String location(FeatureSetKey key) {
      return "nowhere (no feature store configured)";
    }

    @Override
    public List<ShardFile> shards(FeatureSetKey key) {
      return List.of();
    }
  };

  /** Where the set lives, for messages and result rows. */
  String location(FeatureSetKey key);

  /** The set's Arrow shards; empty when it was never written. */
  List<ShardFile> shards(FeatureSetKey key) throws IOException;

  /** One shard file, opened when read. */
  interface ShardFile {
    String name();

    /**
     * The split every row of the shard belongs to ({@code Split.lowerName()}), so that a trial
     * skips the shards of splits it does not score; null when the shard may hold several.
     */
    String split();

    /** A seekable channel over the file: the Arrow reader loads one record batch at a time. */
    SeekableByteChannel open() throws IOException;
  }
}
