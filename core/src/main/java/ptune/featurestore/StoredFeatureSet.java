package ptune.featurestore;

import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * All shards of one feature set, indexed by split and example id. Shards written by different
 * encoders, or an id stored twice in a split, make the set unusable (an {@link IOException} naming
 * the shard or id), since a lookup could then return another example's features.
 */
public final class StoredFeatureSet {
  private final String location;
  private final String fingerprint;
  private final Map<String, Map<String, StoredExample>> bySplit;

  private StoredFeatureSet(String location, String fingerprint,
      Map<String, Map<String, StoredExample>> bySplit) {
    this.location = location;
    this.fingerprint = fingerprint;
    this.bySplit = bySplit;
  }

  /** The set of {@code key} in {@code source}, or null when it has no shards. */
  public static StoredFeatureSet load(FeatureSource source, FeatureSetKey key) throws IOException {
    return load(source, key, WantedExamples.ALL);
  }

  /**
   * Like {@link #load(FeatureSource, FeatureSetKey)}, keeping only the examples {@code keep} accepts
   * (by split and id; the shards of a split it does not want are not opened); {@link #size} then
   * counts those.
   */
  public static StoredFeatureSet load(FeatureSource source, FeatureSetKey key,
      WantedExamples keep) throws IOException {
    List<FeatureSource.ShardFile> shards = source.shards(key);
    if (shards.isEmpty()) {
      return null;
    }
    String fingerprint = null;
    Map<String, Map<String, StoredExample>> bySplit = new HashMap<>();
    for (FeatureSource.ShardFile shard : shards) {
      if (shard.split() != null && !keep.wantsSplit(shard.split())) {
        continue; // a split the trial does not read: its shards are never opened
      }
      FeatureShard.Contents contents;
      try (SeekableByteChannel in = shard.open()) {
        contents = FeatureShard.read(in, shard.name(), keep);
      }
      if (fingerprint != null && !fingerprint.equals(contents.fingerprint())) {
        throw new IOException(shard.name() + " was written by encoder " + contents.fingerprint()
            + ", other shards of " + key + " by " + fingerprint + "; rerun preprocess with --force");
      }
      fingerprint = contents.fingerprint();
      for (StoredExample row : contents.rows()) {
        if (bySplit.computeIfAbsent(row.split(), s -> new HashMap<>()).put(row.id(), row) != null) {
          throw new IOException(shard.name() + ": example id '" + row.id() + "' is stored twice in "
              + row.split() + "; ids must be unique per split");
        }
      }
    }
    return new StoredFeatureSet(source.location(key), fingerprint, bySplit);
  }

  public String location() {
    return location;
  }

  /** The fingerprint of the encoder that wrote the set. */
  public String fingerprint() {
    return fingerprint;
  }

  /** The stored example, or null when the split has no example with that id. */
  public StoredExample find(String split, String id) {
    return bySplit.getOrDefault(split, Map.of()).get(id);
  }

  public int size(String split) {
    return bySplit.getOrDefault(split, Map.of()).size();
  }
}
