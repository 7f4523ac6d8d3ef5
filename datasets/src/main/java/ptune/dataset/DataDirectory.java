package ptune.dataset;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the data dir: system property {@code ptune.data.dir}, then environment variable
 * {@code PTUNE_DATA_DIR}, then {@code shared/datasets} beside the repository, searched upwards from
 * the working directory (so it works from the repo root and from a module directory) and from the
 * {@code ptune.repo.root} property that the build sets.
 */
public final class DataDirectory {

  public static final String PROPERTY = "ptune.data.dir";
  public static final String ENVIRONMENT = "PTUNE_DATA_DIR";
  private static final Path BESIDE_REPO = Path.of("shared", "datasets");

  private DataDirectory() {}

  /** The configured or discovered data dir, if any exists. */
  public static Optional<Path> locate() {
    String configured = System.getProperty(PROPERTY);
    if (configured == null || configured.isBlank()) {
      configured = System.getenv(ENVIRONMENT);
    }
    if (configured != null && !configured.isBlank()) {
      return Optional.of(Path.of(configured).toAbsolutePath().normalize());
    }
    Optional<Path> found = searchUpwards(Path.of("").toAbsolutePath());
    String repoRoot = System.getProperty("ptune.repo.root");
    if (found.isEmpty() && repoRoot != null) {
      found = searchUpwards(Path.of(repoRoot).toAbsolutePath());
    }
    return found;
  }

  /** Like {@link #locate()}, failing with the places tried when there is no data dir. */
  public static Path resolve() {
    return locate()
        .orElseThrow(() -> new IllegalStateException(
            "no data dir: set -D" + PROPERTY + " or " + ENVIRONMENT
                + ", or put the data at ../shared/datasets beside the repository"));
  }

  private static Optional<Path> searchUpwards(Path start) {
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve(BESIDE_REPO);
      if (Files.isDirectory(candidate)) {
        return Optional.of(candidate.normalize());
      }
    }
    return Optional.empty();
  }
}
