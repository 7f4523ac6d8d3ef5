package ptune.trial;

import java.nio.file.Files;
import java.nio.file.Path;

/** The shared datasets: -Dptune.data.dir, PTUNE_DATA_DIR, else shared/datasets beside the repo. */
final class TestData {
  private TestData() {}

  static Path dir() {
    String configured = System.getProperty("ptune.data.dir", System.getenv("PTUNE_DATA_DIR"));
    if (configured != null) {
      return Path.of(configured);
    }
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      Path candidate = p.resolveSibling("shared").resolve("datasets");
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("no datasets found: set -Dptune.data.dir or PTUNE_DATA_DIR");
  }
}
