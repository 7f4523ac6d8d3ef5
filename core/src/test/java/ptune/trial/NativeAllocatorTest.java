package ptune.trial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Objects;
import org.junit.jupiter.api.Test;

class NativeAllocatorTest {

  @Test
  void aMapsLineNamesTheAllocatorItMapsIn() {
    assertEquals("tcmalloc", NativeAllocator.allocatorMappedBy(
        "7f1c2a000000-7f1c2a02a000 r-xp 00000000 fe:01 1234 /usr/lib/x86_64-linux-gnu/libtcmalloc_minimal.so.4.5.10"));
    assertEquals("jemalloc", NativeAllocator.allocatorMappedBy(
        "7f1c2b000000-7f1c2b0a0000 r-xp 00000000 fe:01 1235 /usr/lib/x86_64-linux-gnu/libjemalloc.so.2"));
    assertNull(NativeAllocator.allocatorMappedBy(
        "7f1c2c000000-7f1c2c1d0000 r-xp 00000000 fe:01 1236 /usr/lib/x86_64-linux-gnu/libc.so.6"));
    assertNull(NativeAllocator.allocatorMappedBy("7ffd1000-7ffd3000 rw-p 00000000 00:00 0 [stack]"));
  }

  @Test
  void thisJvmHasTheAllocatorItsEnvironmentPreloaded() {
    String preload = Objects.requireNonNullElse(System.getenv("LD_PRELOAD"), "");
    String expected = preload.contains("libtcmalloc") ? "tcmalloc" : preload.contains("libjemalloc") ? "jemalloc" : "glibc";
    assertEquals(expected, NativeAllocator.inUse(), "LD_PRELOAD=" + preload);
  }
}
