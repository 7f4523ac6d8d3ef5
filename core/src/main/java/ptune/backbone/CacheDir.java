package ptune.backbone;

import java.nio.file.Path;

/**
 * ptune's local cache (extracted tokenizers, DJL's libtorch): {@code PTUNE_CACHE_DIR}, system
 * property {@code ptune.cache.dir}, else {@code ~/.cache/ptune}. Outside {@code target/} on purpose:
 * {@code mvn clean} must not throw away 430 MB of native libraries.
 */
public final class CacheDir {
  private CacheDir() {}

  public static Path root() {
    String dir = System.getProperty("ptune.cache.dir", System.getenv("PTUNE_CACHE_DIR"));
    return dir != null ? Path.of(dir) : Path.of(System.getProperty("user.home"), ".cache", "ptune");
  }

  public static Path resolve(String child) {
    return root().resolve(child);
  }
}
