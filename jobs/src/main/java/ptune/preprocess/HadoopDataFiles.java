package ptune.preprocess;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import ptune.dataset.DataFiles;

/**
 * A declared task's files on any Hadoop filesystem: a URI ({@code hdfs://nn/data/train.jsonl}) is
 * copied once to a local cache (the readers read local files) named by the URI, length and
 * modification time, so a changed file is copied again and an unchanged one never twice; a local
 * path is read where it is (relative ones under the data dir).
 */
public final class HadoopDataFiles implements DataFiles {

  private final Path dataDir;
  private final Path cache;

  /**
   * @param cache local directory for the copies (the JVM's temporary directory on executors)
   */
  public HadoopDataFiles(Path dataDir, Path cache) {
    this.dataDir = dataDir;
    this.cache = cache;
  }

  /** Copies under the JVM's temporary directory. */
  public static HadoopDataFiles under(Path dataDir) {
    return new HadoopDataFiles(dataDir, Path.of(System.getProperty("java.io.tmpdir"), "ptune-task-files"));
  }

  @Override
  public Path local(String file) {
    if (!URI.matcher(file).matches()) {
      return dataDir.resolve(file);
    }
    org.apache.hadoop.fs.Path remote = new org.apache.hadoop.fs.Path(file);
    try {
      FileSystem fs = remote.getFileSystem(new Configuration());
      FileStatus status = fs.getFileStatus(remote);
      if (!status.isFile()) {
        throw new FileNotFoundException(file + " is not a file");
      }
      Path target = cache.resolve(key(file, status)).resolve(remote.getName());
      if (!Files.isRegularFile(target)) {
        Files.createDirectories(target.getParent());
        Path partial = Files.createTempFile(target.getParent(), ".copy-", "");
        fs.copyToLocalFile(false, remote, new org.apache.hadoop.fs.Path(partial.toUri()), true);
        Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      }
      return target;
    } catch (FileNotFoundException e) {
      throw new UncheckedIOException("missing data file " + file, e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static String key(String file, FileStatus status) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(
          (file + "\n" + status.getLen() + "\n" + status.getModificationTime()).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
    }
  }
}
