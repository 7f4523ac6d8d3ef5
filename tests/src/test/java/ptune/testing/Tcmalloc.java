package ptune.testing;

import java.io.IOException;
import java.util.Optional;

/** Where the dynamic linker finds tcmalloc on this machine, as bin/lib/native-allocator.sh asks it. */
public final class Tcmalloc {

  private Tcmalloc() {}

  /** The path `ldconfig -p` gives for libtcmalloc_minimal.so.4, or empty when it is not installed. */
  public static Optional<String> installedLibrary() throws IOException, InterruptedException {
    Process ldconfig = new ProcessBuilder("/sbin/ldconfig", "-p").redirectErrorStream(true).start();
    String listing = new String(ldconfig.getInputStream().readAllBytes());
    ldconfig.waitFor();
    return listing.lines()
        .map(String::trim)
        .filter(line -> line.startsWith("libtcmalloc_minimal.so.4 "))
        .map(line -> line.substring(line.lastIndexOf(' ') + 1))
        .findFirst();
  }
}
