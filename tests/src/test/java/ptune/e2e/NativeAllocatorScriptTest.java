package ptune.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import ptune.testing.BinScripts;
import ptune.testing.Tcmalloc;

/**
 * bin/ptune's choice of malloc (bin/lib/native-allocator.sh): tcmalloc when the dynamic linker knows
 * it, glibc's when asked, and a clear exit 2 naming PTUNE_MALLOC for a value it cannot use. What the
 * JVM got is read back from `ptune bench`'s header, which reads /proc/self/maps.
 */
@Tag("slow")
class NativeAllocatorScriptTest {

  private static final String[] TINY_BENCH =
      {"bench", "--methods", "pt2", "--batch", "1", "--seq", "8", "--prefix", "2", "--steps", "1", "--warmup", "0",
          "--threads", "1", "--matmul", "0"};

  @Test
  void byDefaultTheTrialsGetTcmallocWhenItIsInstalled() throws Exception {
    String expected = Tcmalloc.installedLibrary().isPresent() ? "tcmalloc" : "glibc";
    assertTrue(header(Map.of()).contains(", native allocator " + expected + ","));
  }

  @Test
  void glibcTurnsThePreloadOff() throws Exception {
    assertTrue(header(Map.of("PTUNE_MALLOC", "glibc")).contains(", native allocator glibc,"));
  }

  @Test
  void anUnusableValueStopsBeforeJavaStartsAndNamesTheVariable() throws Exception {
    for (String bad : List.of("/no/such/libmalloc.so", "tcmalloc")) {
      BinScripts.Outcome outcome = BinScripts.outcome(Map.of("PTUNE_MALLOC", bad), Duration.ofMinutes(1), "ptune", "help");
      assertEquals(2, outcome.exitCode(), outcome.console().toString());
      assertTrue(String.join("\n", outcome.console()).contains("PTUNE_MALLOC=" + bad + ": "), outcome.console().toString());
    }
  }

  private static String header(Map<String, String> env) throws Exception {
    List<String> console = BinScripts.run(env, Duration.ofMinutes(3), "ptune", TINY_BENCH);
    return console.stream().filter(l -> l.startsWith("engine ")).findFirst().orElseThrow(() -> new AssertionError(console));
  }
}
