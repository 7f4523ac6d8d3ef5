package ptune.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Executors start in another directory than the job: a relative local data_dir reaches them absolute. */
class JobConfigsTest {

  @Test
  void relativeLocalDataDirsBecomeAbsoluteUrisStay() {
    Path cwd = Path.of("").toAbsolutePath();
    assertEquals(cwd.getParent().resolve("shared/datasets").toString(), JobConfigs.onExecutors("../shared/datasets"));
    assertEquals("/data/sets", JobConfigs.onExecutors("/data/sets/"));
    assertEquals("hdfs://nn:8020/datasets", JobConfigs.onExecutors("hdfs://nn:8020/datasets"));
    assertEquals("file:/data/sets", JobConfigs.onExecutors("file:/data/sets"));
  }
}
