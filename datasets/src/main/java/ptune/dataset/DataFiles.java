package ptune.dataset;

import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Where the files a task names are read from. A built-in task's files are relative to the data
 * dir; a declared task's may be absolute, or Hadoop URIs ({@code hdfs://...}), which a reader can
 * only read once they are copied to a local file ({@code jobs: ptune.preprocess.HadoopDataFiles}).
 */
@FunctionalInterface
public interface DataFiles {

  /** A scheme and a colon: {@code hdfs://nn/x}, {@code s3a://b/x}, {@code file:/x}. */
  Pattern URI = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*:.*");

  /**
   * @return a local file holding {@code file}'s content
   * @throws java.io.UncheckedIOException when it cannot be read (a missing file, an unreachable filesystem)
   */
  Path local(String file);

  /** Local files: relative ones under {@code dataDir}; a Hadoop URI is refused, naming it. */
  static DataFiles under(Path dataDir) {
    return file -> {
      if (URI.matcher(file).matches()) {
        throw new IllegalArgumentException(file + ": a Hadoop path, readable only where ptune runs with Spark"
            + " (bin/ptune run, sweep, check)");
      }
      return dataDir == null ? Path.of(file) : dataDir.resolve(file);
    };
  }
}
