package ptune.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Locates the shared data dir for tests: system property {@code ptune.data.dir}, else
 * {@code shared/datasets} found walking up from the working dir (the repo clone sits beside
 * {@code shared/}). A missing data dir fails the test, unless {@code -Dptune.allowMissingData=true}
 * turns it into a skip (for machines without the data).
 */
public final class TestData {

  private TestData() {}

  public static Path dir() {
    Optional<Path> found = locate();
    if (found.isEmpty() && Boolean.getBoolean("ptune.allowMissingData")) {
      assumeTrue(false, "data dir missing and ptune.allowMissingData=true");
    }
    return found.orElseThrow(() -> new AssertionError(
        "data dir not found: set -Dptune.data.dir or place shared/datasets beside the repository"));
  }

  public static Path file(String relative) {
    Path file = dir().resolve(relative);
    if (!Files.isRegularFile(file)) {
      throw new AssertionError("expected data file missing: " + file);
    }
    return file;
  }

  private static Optional<Path> locate() {
    String configured = System.getProperty("ptune.data.dir");
    if (configured != null && !configured.isBlank()) {
      Path dir = Path.of(configured);
      return Files.isDirectory(dir) ? Optional.of(dir) : Optional.empty();
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("shared").resolve("datasets");
      if (Files.isDirectory(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}
