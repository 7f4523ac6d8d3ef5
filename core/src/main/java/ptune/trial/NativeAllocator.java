package ptune.trial;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The malloc this process's native code (libtorch's CPU tensors) allocates from, read from the
 * shared objects mapped into it. bin/ptune and bin/ptune-cluster preload tcmalloc when it is
 * installed (bin/lib/native-allocator.sh says why); a trial logs which one it got, so a slow
 * executor that missed it shows in its log.
 */
public final class NativeAllocator {

  private static final Path MAPS = Path.of("/proc/self/maps");

  private NativeAllocator() {}

  /** "tcmalloc", "jemalloc", "glibc", or "unknown" where /proc/self/maps cannot be read (not Linux). */
  public static String inUse() {
    try (Stream<String> maps = Files.lines(MAPS)) {
      return maps.map(NativeAllocator::allocatorMappedBy).filter(Objects::nonNull).findFirst().orElse("glibc");
    } catch (IOException | UncheckedIOException e) {
      return "unknown";
    }
  }

  /** The allocator a line of /proc/self/maps maps in, or null for any other line. */
  static String allocatorMappedBy(String mapsLine) {
    if (mapsLine.contains("/libtcmalloc")) {
      return "tcmalloc";
    }
    if (mapsLine.contains("/libjemalloc")) {
      return "jemalloc";
    }
    return null;
  }
}
