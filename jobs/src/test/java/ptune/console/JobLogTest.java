package ptune.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Real log4j2, no Spark: what reaches the console and what the file under the sweep's logs/ holds. */
class JobLogTest {

  @TempDir Path tmp;

  @Test
  void infoGoesToTheFileWarnAlsoToTheConsoleAndKnownNoiseOnlyToTheFile() throws Exception {
    String console = logThrough(false, false);
    assertTrue(console.contains("WARN JobLogTest: a warning"), console);
    assertFalse(console.contains("an info line"), console);
    assertFalse(console.contains("Failed to detect GPU count"), console);
    assertFalse(console.contains("More than one DefaultAllocationManager"), console);
    Path file = onlyLogFile();
    String log = Files.readString(file);
    assertTrue(file.getFileName().toString().matches("sweep-\\d{8}T\\d{6}Z\\.log"), file.toString());
    assertTrue(log.contains("INFO JobLogTest: an info line"), log);
    assertTrue(log.contains("WARN JobLogTest: a warning"), log);
    assertTrue(log.contains("WARN CudaUtils: Failed to detect GPU count"), log);
    assertTrue(log.contains("WARN CheckAllocator: More than one DefaultAllocationManager"), log);
  }

  @Test
  void verboseBringsInfoToTheConsole() throws Exception {
    String console = logThrough(true, false);
    assertTrue(console.contains("INFO JobLogTest: an info line"), console);
  }

  @Test
  void gpuDetectionWarningsReachTheConsoleWhenTheJobAsksForGpus() throws Exception {
    String console = logThrough(false, true);
    assertTrue(console.contains("WARN CudaUtils: Failed to detect GPU count"), console);
    assertFalse(console.contains("More than one DefaultAllocationManager"), console);
  }

  @Test
  void aSweepOnHdfsLogsUnderTheLocalTemporaryDirectory() {
    assertEquals(tmp.resolve("qs/logs"), JobLog.logDir("file:" + tmp.resolve("qs")));
    assertEquals(Path.of(System.getProperty("java.io.tmpdir"), "ptune-logs", "qs"),
        JobLog.logDir("hdfs://namenode:8020/runs/qs"));
  }

  private String logThrough(boolean verbose, boolean gpus) throws Exception {
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream stream = new PrintStream(captured, true, StandardCharsets.UTF_8);
    Console console = new Console(stream, stream, false);
    try (AutoCloseable c = console.capture();
        JobLog log = JobLog.start("sweep", "file:" + tmp.resolve("qs"), verbose, gpus)) {
      assertEquals(tmp.resolve("qs/logs"), log.file().orElseThrow().getParent());
      LoggerFactory.getLogger(JobLogTest.class).info("an info line");
      LoggerFactory.getLogger(JobLogTest.class).warn("a warning");
      LoggerFactory.getLogger(JobLog.DJL_CUDA).warn("Failed to detect GPU count: CUDA driver version is insufficient");
      LoggerFactory.getLogger(JobLog.NOISE.get(0)).warn("More than one DefaultAllocationManager on classpath");
    }
    return captured.toString(StandardCharsets.UTF_8);
  }

  private Path onlyLogFile() throws Exception {
    try (var files = Files.list(tmp.resolve("qs/logs"))) {
      return files.findFirst().orElseThrow();
    }
  }
}
