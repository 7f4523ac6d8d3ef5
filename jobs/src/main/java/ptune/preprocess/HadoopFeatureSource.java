package ptune.preprocess;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import ptune.featurestore.FeatureSetKey;
import ptune.featurestore.FeatureSource;

/**
 * The Arrow shards under a sweep's {@code features/} directory on any Hadoop filesystem (file:,
 * hdfs://, ...): {@code <root>/<task>/<backbone>-len<N>/arrow/<split>/part-*.arrow}, as
 * {@link FeaturePreprocessor} writes them (sets written before shards were split by split have them
 * directly under {@code arrow/}). Serializable, so executors open the shards themselves; a shard is
 * read through positioned reads, one record batch at a time, never whole.
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
    FileStatus[] entries;
    try {
      entries = fs.listStatus(dir);
    } catch (FileNotFoundException notPreprocessed) {
      return List.of();
    }
    List<ShardFile> shards = new ArrayList<>();
    for (FileStatus entry : entries) {
      if (entry.isDirectory()) {
        for (FileStatus file : fs.listStatus(entry.getPath(), p -> p.getName().endsWith(".arrow"))) {
          shards.add(shard(fs, file, entry.getPath().getName()));
        }
      } else if (entry.getPath().getName().endsWith(".arrow")) {
        shards.add(shard(fs, entry, null));
      }
    }
    shards.sort(Comparator.comparing(ShardFile::name));
    return shards;
  }

  private static ShardFile shard(FileSystem fs, FileStatus file, String split) {
    return new ShardFile() {
      @Override
      public String name() {
        return file.getPath().toString();
      }

      @Override
      public String split() {
        return split;
      }

      @Override
      public SeekableByteChannel open() throws IOException {
        return new PositionedReadChannel(fs.open(file.getPath()), file.getLen());
      }
    };
  }

  private Path arrowDir(FeatureSetKey key) {
    return new Path(root + "/" + key.directory() + "/arrow");
  }

  /** A read-only seekable channel over a Hadoop stream, by positioned reads. */
  private static final class PositionedReadChannel implements SeekableByteChannel {
    private final FSDataInputStream in;
    private final long size;
    private long position;
    private boolean open = true;

    PositionedReadChannel(FSDataInputStream in, long size) {
      this.in = in;
      this.size = size;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
      if (position >= size) {
        return -1;
      }
      int want = (int) Math.min(dst.remaining(), size - position);
      byte[] buffer = dst.hasArray() ? dst.array() : new byte[want];
      int offset = dst.hasArray() ? dst.arrayOffset() + dst.position() : 0;
      int n = in.read(position, buffer, offset, want);
      if (n < 0) {
        return -1;
      }
      if (dst.hasArray()) {
        dst.position(dst.position() + n);
      } else {
        dst.put(buffer, 0, n);
      }
      position += n;
      return n;
    }

    @Override
    public long position() {
      return position;
    }

    @Override
    public SeekableByteChannel position(long newPosition) {
      position = newPosition;
      return this;
    }

    @Override
    public long size() {
      return size;
    }

    @Override
    public int write(ByteBuffer src) {
      throw new NonWritableChannelException();
    }

    @Override
    public SeekableByteChannel truncate(long newSize) {
      throw new NonWritableChannelException();
    }

    @Override
    public boolean isOpen() {
      return open;
    }

    @Override
    public void close() throws IOException {
      open = false;
      in.close();
    }
  }
}
