package ptune.predict;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FileUtil;

/**
 * A file or directory named by any Hadoop path (a local path, {@code file:}, {@code hdfs://...}),
 * made readable by the dataset readers and the checkpoint loader, which take local paths: a local
 * path as it is, any other copied to a temporary directory first.
 */
final class HadoopInput {
  private HadoopInput() {}

  /**
   * @param what what the path is, for the error message ("input file", "checkpoint")
   * @throws IllegalArgumentException when the path does not exist
   */
  static Path local(String path, String what, Configuration conf) throws IOException {
    URI uri = URI.create(path.replace(" ", "%20"));
    if (uri.getScheme() == null || uri.getScheme().equals("file")) {
      Path local = uri.getScheme() == null ? Path.of(path) : Path.of(uri);
      if (!Files.exists(local)) {
        throw new IllegalArgumentException(what + " " + path + " does not exist");
      }
      return local;
    }
    org.apache.hadoop.fs.Path source = new org.apache.hadoop.fs.Path(path);
    FileSystem fs = source.getFileSystem(conf);
    if (!fs.exists(source)) {
      throw new IllegalArgumentException(what + " " + path + " does not exist");
    }
    Path tmp = Files.createTempDirectory("ptune-input");
    // The copy is only read while the command runs.
    Runtime.getRuntime().addShutdownHook(new Thread(() -> FileUtil.fullyDelete(tmp.toFile())));
    Path copy = tmp.resolve(source.getName());
    FileUtil.copy(fs, source, FileSystem.getLocal(conf),
        new org.apache.hadoop.fs.Path(copy.toUri()), false, conf);
    return copy;
  }
}
