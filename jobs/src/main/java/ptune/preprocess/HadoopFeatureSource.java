package ptune.preprocess;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import ptune.featurestore.FeatureSetKey;
import ptune.featurestore.FeatureSource;

/**
 * The Arrow shards under a sweep's {@code features/} directory on any Hadoop filesystem (file:,
 * hdfs://, ...): {@code <root>/<task>/<backbone>-len<N>/arrow/part-*.arrow}, as
 * {@link FeaturePreprocessor} writes them. Serializable, so executors open the shards themselves.
 */
public final class HadoopFeatureSource implements FeatureSource {
  private final String root;

  /** @param root a sweep's {@code features} directory as a Hadoop URI */
  public HadoopFeatureSource(String root) {
    this.root = root;
  }

  @Override
  public String location(FeatureSetKey key) {
    return arrowDir(key).toString();
  }

  @Override
  public List<ShardFile> shards(FeatureSetKey key) throws IOException {
    Path dir = arrowDir(key);
    FileSystem fs = dir.getFileSystem(new Configuration());
    FileStatus[] files;
    try {
      files = fs.listStatus(dir, p -> p.getName().endsWith(".arrow"));
    } catch (FileNotFoundException notPreprocessed) {
      return List.of();
    }
    return Arrays.stream(files).sorted(Comparator.comparing(f -> f.getPath().getName()))
        .map(f -> (ShardFile) new ShardFile() {
          @Override
          public String name() {
            return f.getPath().toString();
          }

          @Override
          public InputStream open() throws IOException {
            return fs.open(f.getPath());
          }
        })
        .toList();
  }

  private Path arrowDir(FeatureSetKey key) {
    return new Path(root + "/" + key.directory() + "/arrow");
  }
}
