package ptune.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.resource.ResourceUtils;
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

  /** local[1] used to ask for 2 cpus per task, more than its one core: Spark refused to start. */
  @Test
  void aLocalMasterGivesItsCoresToOneTask() throws IOException {
    for (String[] masterCpus : new String[][] {{"local[1]", "1"}, {"local[3]", "3"}, {"local", "1"},
        {"local[4,2]", "4"}, {"local[*]", Integer.toString(Runtime.getRuntime().availableProcessors())}}) {
      Map<String, Object> s = SparkSessionFactory.settings(config(""),
          JobArguments.parse(new String[] {"s.yaml", "--master", masterCpus[0]}));
      assertEquals(masterCpus[1], s.get("spark.task.cpus"), masterCpus[0]);
    }
  }

  @Test
  void whatSparkSubmitSetIsKept() throws IOException {
    String key = "spark.executor.extraJavaOptions";
    System.setProperty(key, "-Dai.djl.offline=true -DENGINE_CACHE_DIR=/data/djl");
    try {
      Map<String, Object> s = SparkSessionFactory.settings(config("spark: {spark.executor.extraJavaOptions: -Dx=1}\n"),
          JobArguments.parse(new String[] {"s.yaml"}));
      assertFalse(s.containsKey(key), "the session's SparkConf keeps spark-submit's value: " + s.get(key));
      assertEquals("1", s.get("spark.task.maxFailures"));
    } finally {
      System.clearProperty(key);
    }
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

  /**
   * Every profile in conf/spark, the YARN and Kubernetes ones included (no such cluster runs here),
   * through the code path of {@code --spark-profile}; Spark's own parser reads the GPU requests.
   */
  @Test
  void shippedSparkProfilesParse() throws Exception {
    Path root = Path.of(System.getProperty("ptune.repo.root", ".."));
    Path dir = root.resolve("conf/spark");
    String opens = java.util.regex.Pattern.compile("<spark.java.opens>(.*)</spark.java.opens>")
        .matcher(Files.readString(root.resolve("pom.xml"))).results().findFirst().orElseThrow().group(1);
    List<Path> profiles;
    try (var files = Files.list(dir)) {
      profiles = files.filter(p -> p.toString().endsWith(".conf")).sorted().toList();
    }
    assertTrue(profiles.stream().map(p -> p.getFileName().toString()).toList()
        .containsAll(List.of("local.conf", "standalone.conf", "gpu-cluster.conf", "yarn.conf", "k8s.conf")), "" + profiles);
    for (Path profile : profiles) {
      String name = profile.getFileName().toString();
      Map<String, Object> s = SparkSessionFactory.settings(config(""),
          JobArguments.parse(new String[] {"--spark-profile", profile.toString()}));
      assertEquals("1", String.valueOf(s.getOrDefault("spark.task.maxFailures", "1")), name);
      assertTrue(s.containsKey("spark.task.cpus"), name + ": spark.task.cpus is set");
      assertEquals(String.valueOf(executorCores(s, name)), String.valueOf(s.get("spark.task.cpus")),
          name + ": a task takes every core of its executor, one trial per executor JVM");
      assertEquals("true", s.get("spark.executorEnv.DJL_OFFLINE"), name);
      assertTrue(String.valueOf(s.get("spark.executor.extraJavaOptions")).contains("-Dai.djl.offline=true"), name);
      if (s.containsKey("spark.driver.extraJavaOptions")) {
        // a cluster-mode driver is started with these options alone
        assertTrue(String.valueOf(s.get("spark.driver.extraJavaOptions")).contains(opens),
            name + ": spark.driver.extraJavaOptions carries Spark's Java 17 flags");
      }
      SparkConf conf = new SparkConf(false);
      s.forEach((k, v) -> conf.set(k, String.valueOf(v)));
      var executor = scala.collection.JavaConverters.seqAsJavaList(
          ResourceUtils.parseAllResourceRequests(conf, "spark.executor"));
      var task = scala.collection.JavaConverters.seqAsJavaList(ResourceUtils.parseResourceRequirements(conf, "spark.task"));
      assertEquals(s.containsKey("spark.executor.resource.gpu.amount"), !executor.isEmpty(), name);
      if (!executor.isEmpty()) {
        assertEquals(1, executor.size(), name);
        assertEquals("gpu", executor.get(0).id().resourceName(), name);
        assertEquals(1L, executor.get(0).amount(), name + ": one GPU per executor, one trial per executor");
        assertEquals(1, task.size(), name);
        assertEquals(1, task.get(0).amount(), name + ": one GPU per task");
        Path script = dir.resolve(Path.of(executor.get(0).discoveryScript().get()).getFileName());
        assertTrue(Files.isExecutable(script), name + ": the discovery script is conf/spark/" + script.getFileName());
      }
    }
  }

  /** spark.executor.cores, or N of a local[N] master (local mode has one executor with N cores). */
  private static Object executorCores(Map<String, Object> settings, String profile) {
    if (settings.containsKey("spark.executor.cores")) {
      return settings.get("spark.executor.cores");
    }
    var local = java.util.regex.Pattern.compile("local\\[(\\d+)]")
        .matcher(String.valueOf(settings.get("spark.master")));
    assertTrue(local.matches(), profile + ": neither spark.executor.cores nor a local[N] master: "
        + settings.get("spark.master"));
    return local.group(1);
  }
}
