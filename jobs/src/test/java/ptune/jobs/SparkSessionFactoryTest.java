package ptune.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ptune.sweep.SweepConfig;
import ptune.sweep.SweepConfigReader;

class SparkSessionFactoryTest {

  @TempDir Path tmp;

  private static SweepConfig config(String spark) throws IOException {
    String yaml = "name: s\nbackbones: b\nmethods: ft\ntasks: cb\nseeds: 1\n" + spark;
    return SweepConfigReader.parse(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "s.yaml");
  }

  @Test
  void defaultIsLocalModeWithOneTrialPerJvmAndNoSilentRetries() throws IOException {
    Map<String, Object> s = SparkSessionFactory.settings(config(""), JobArguments.parse(new String[] {"s.yaml"}));
    assertEquals("local[2]", s.get("spark.master"));
    assertEquals("2", s.get("spark.task.cpus"));
    assertEquals("1", s.get("spark.task.maxFailures"));
    assertEquals("127.0.0.1", s.get("spark.driver.host"));
    assertEquals("true", s.get("spark.executorEnv.DJL_OFFLINE"));
  }

  @Test
  void configThenProfileThenCommandLineWin() throws IOException {
    Path profile = Files.writeString(tmp.resolve("p.conf"),
        "spark.master  spark://profile:7077\nspark.executor.cores   4\nspark.task.cpus 4\n");
    SweepConfig config = config("master: spark://config:7077\nspark: {spark.executor.cores: \"2\", spark.ui.enabled: \"false\"}\n");

    Map<String, Object> fromConfig = SparkSessionFactory.settings(config, JobArguments.parse(new String[] {}));
    assertEquals("spark://config:7077", fromConfig.get("spark.master"));
    assertEquals("2", fromConfig.get("spark.executor.cores"));
    assertFalse(fromConfig.containsKey("spark.task.cpus"), "cluster masters size tasks from their profile");

    Map<String, Object> withProfile = SparkSessionFactory.settings(config,
        JobArguments.parse(new String[] {"--spark-profile", profile.toString()}));
    assertEquals("spark://profile:7077", withProfile.get("spark.master"));
    assertEquals("4", withProfile.get("spark.executor.cores"));
    assertEquals("false", withProfile.get("spark.ui.enabled"));

    Map<String, Object> withMaster = SparkSessionFactory.settings(config,
        JobArguments.parse(new String[] {"--spark-profile", profile.toString(), "--master", "local[4]"}));
    assertEquals("local[4]", withMaster.get("spark.master"));
  }

  @Test
  void shippedSparkProfilesParse() throws IOException {
    Path dir = Path.of(System.getProperty("ptune.repo.root", ".."), "conf", "spark");
    for (String name : new String[] {"local.conf", "standalone.conf", "gpu-cluster.conf"}) {
      Map<String, Object> s = SparkSessionFactory.settings(config(""),
          JobArguments.parse(new String[] {"--spark-profile", dir.resolve(name).toString()}));
      assertEquals("1", String.valueOf(s.getOrDefault("spark.task.maxFailures", "1")), name);
      assertEquals(s.get("spark.task.cpus"), s.getOrDefault("spark.executor.cores", s.get("spark.task.cpus")),
          name + ": one trial per executor JVM");
    }
  }
}
