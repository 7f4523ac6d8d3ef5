package ptune.results;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;
import ptune.trial.TrialStateFile;

/**
 * One trial's saved training state in the sweep's store, {@code state/<trial id>.bin} on any
 * Hadoop filesystem (file:, hdfs://): written as a hidden temporary file beside it, then renamed
 * over it in one step, so a task killed mid-write leaves the previous state whole.
 */
public final class HadoopTrialStateStore extends TrialStateFile {
  private final Path file;
  private final Path temporary;
  private final FileSystem fs;

  private HadoopTrialStateStore(Path file, FileSystem fs) {
    this.file = file;
    this.temporary = new Path(file.getParent(), "." + file.getName() + ".tmp");
    this.fs = fs;
  }

  public static HadoopTrialStateStore of(SweepLayout layout, String trialId) {
    Path file = new Path(layout.state(), trialId + ".bin");
    try {
      return new HadoopTrialStateStore(file, file.getFileSystem(new Configuration()));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot reach " + file, e);
    }
  }

  @Override
  protected InputStream openIfExists() throws IOException {
    try {
      return fs.open(file);
    } catch (FileNotFoundException none) {
      return null;
    }
  }

  @Override
  protected OutputStream createTemporary() throws IOException {
    return fs.create(temporary, true);
  }

  @Override
  protected void publishTemporary() throws IOException {
    FileContext.getFileContext(file.toUri(), fs.getConf())
        .rename(temporary, file, Options.Rename.OVERWRITE);
  }

  @Override
  protected void setAside() throws IOException {
    Path aside = new Path(file.getParent(), file.getName() + DAMAGED_SUFFIX);
    fs.delete(aside, false);
    if (!fs.rename(file, aside)) {
      throw new IOException("rename " + file + " -> " + aside + " failed");
    }
  }

  @Override
  public void delete() throws IOException {
    fs.delete(file, false);
  }

  @Override
  public String location() {
    return file.toString();
  }
}
