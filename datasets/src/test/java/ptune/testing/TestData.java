package ptune.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import ptune.dataset.DataDirectory;

/**
 * A file of the shared datasets that a test needs, under {@link DataDirectory#resolve()} (the one
 * rule by which the jobs and every test find the data); a missing file fails the test by name.
 */
public final class TestData {

  private TestData() {}

  public static Path file(String relative) {
    Path file = DataDirectory.resolve().resolve(relative);
    if (!Files.isRegularFile(file)) {
      throw new AssertionError("expected data file missing: " + file);
    }
    return file;
  }
}
