package ptune.trial;

import java.nio.file.Path;
import ptune.dataset.DataDirectory;

/** The shared datasets, found by {@link DataDirectory}'s rules (as the jobs find them). */
final class TestData {
  private TestData() {}

  static Path dir() {
    return DataDirectory.resolve();
  }
}
