package ptune.trial;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.logging.Logger;
import ptune.trainer.TrainingState;
import ptune.trainer.TrainingStateFormat;
import ptune.trainer.UnusableTrainingStateException;

/**
 * A {@link TrialStateStore} in one file ({@link TrainingStateFormat}): written under a temporary
 * name and renamed over the file, so a crash mid-write leaves the previous state; a file the
 * format rejects is renamed to {@code <file>.damaged} (kept for a look) and the trial starts over.
 * Subclasses supply the filesystem operations (local, or any Hadoop filesystem).
 */
public abstract class TrialStateFile implements TrialStateStore {
  private static final Logger LOG = Logger.getLogger(TrialStateFile.class.getName());
  /** Appended to the name of a state file that cannot be used. */
  public static final String DAMAGED_SUFFIX = ".damaged";

  /** The file's content, or null when there is no file. */
  protected abstract InputStream openIfExists() throws IOException;

  /** A new temporary file beside the state file. */
  protected abstract OutputStream createTemporary() throws IOException;

  /** Renames the temporary file over the state file. */
  protected abstract void publishTemporary() throws IOException;

  /** Renames the state file to its name plus {@link #DAMAGED_SUFFIX}, replacing an older one. */
  protected abstract void setAside() throws IOException;

  @Override
  public final Optional<TrainingState> load() throws IOException {
    try (InputStream in = openIfExists()) {
      return in == null ? Optional.empty() : Optional.of(TrainingStateFormat.read(in, location()));
    } catch (UnusableTrainingStateException e) {
      setAside();
      LOG.warning(e.getMessage() + ": moved aside to " + location() + DAMAGED_SUFFIX
          + "; the trial starts from epoch 1");
      return Optional.empty();
    }
  }

  @Override
  public final void save(TrainingState state) throws IOException {
    try (OutputStream out = createTemporary()) {
      TrainingStateFormat.write(state, out);
    }
    publishTemporary();
  }

  /** The state of one trial in {@code dir/<trialId>.bin} on the local filesystem. */
  public static TrialStateFile inDirectory(Path dir, String trialId) {
    return new Local(dir.resolve(trialId + ".bin"));
  }

  private static final class Local extends TrialStateFile {
    private final Path file;
    private final Path temporary;

    Local(Path file) {
      this.file = file;
      this.temporary = file.resolveSibling("." + file.getFileName() + ".tmp");
    }

    @Override
    protected InputStream openIfExists() throws IOException {
      return Files.exists(file) ? Files.newInputStream(file) : null;
    }

    @Override
    protected OutputStream createTemporary() throws IOException {
      Files.createDirectories(file.getParent());
      return Files.newOutputStream(temporary);
    }

    @Override
    protected void publishTemporary() throws IOException {
      Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    protected void setAside() throws IOException {
      Files.move(file, file.resolveSibling(file.getFileName() + DAMAGED_SUFFIX),
          StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public void delete() throws IOException {
      Files.deleteIfExists(file);
    }

    @Override
    public String location() {
      return file.toString();
    }
  }
}
