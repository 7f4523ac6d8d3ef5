package ptune.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import ptune.dataset.DataDirectory;

/**
 * Locates the shared data dir for tests by {@link DataDirectory}'s rules (as the jobs find it). A
 * missing data dir fails the test, unless {@code -Dptune.allowMissingData=true} turns it into a skip
 * (for machines without the data).
 */
public final class TestData {

  private TestData() {}

  public static Path dir() {
    Optional<Path> found = DataDirectory.locate().filter(Files::isDirectory);
    if (found.isEmpty() && Boolean.getBoolean("ptune.allowMissingData")) {
      assumeTrue(false, "data dir missing and ptune.allowMissingData=true");
    }
    return found.orElseThrow(() -> new AssertionError("data dir not found: " + DataDirectory.locate()
        .map(p -> p + " is not a directory").orElse("set -D" + DataDirectory.PROPERTY + " or "
            + DataDirectory.ENVIRONMENT + ", or place shared/datasets beside the repository")));
  }

  public static Path file(String relative) {
    Path file = dir().resolve(relative);
    if (!Files.isRegularFile(file)) {
      throw new AssertionError("expected data file missing: " + file);
    }
    return file;
  }
}
