package ptune.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import ptune.dataset.DataDirectory;
import ptune.testing.StandaloneCluster;
import ptune.testing.TestSweeps;

/**
 * The README's "Running on a cluster" as users run it: the {@code -P dist} jar submitted through
 * {@code org.apache.spark.deploy.SparkSubmit} (the class behind {@code spark-submit}, in a child JVM
 * started the way spark-submit's launcher starts it) with {@code conf/spark/standalone.conf}, in
 * client and in cluster deploy mode, to a standalone cluster laid out like a Spark installation
 * that has never seen ptune (SPARK_HOME/jars = Spark only, fresh DJL engine cache). A real sweep
 * (MiniLM-L6 on CB, FT and PT-2, preprocessing included) reads its raw inputs from HDFS and
 * writes everything to HDFS, where the tables are read back with Spark SQL; in client mode the
 * trained PT-2 prompt then predicts and evaluates CB's dev set, submitted the same way, from and to
 * HDFS.
 */
@Tag("slow")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SparkSubmitDistJarTest {

  private static final String SWEEP = "submitted";

  private Path tmp;
  private MiniDFSCluster dfs;
  private FileSystem fs;
  private String hdfs;
  private StandaloneCluster cluster;
  private Path distJar;
  private Path engineCache;

  @BeforeAll
  void startHdfsAndCluster(@TempDir Path dir) throws Exception {
    tmp = dir;
    distJar = distJar();
    Configuration conf = new Configuration();
    conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, tmp.resolve("minidfs").toString());
    dfs = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
    dfs.waitActive();
    hdfs = "hdfs://127.0.0.1:" + dfs.getNameNodePort();
    fs = FileSystem.get(java.net.URI.create(hdfs), conf);
    for (String split : new String[] {"train", "val", "test"}) {
      fs.copyFromLocalFile(new org.apache.hadoop.fs.Path(
              DataDirectory.resolve().resolve("superglue/CB/" + split + ".jsonl").toString()),
          new org.apache.hadoop.fs.Path(hdfs + "/raw/superglue/CB/" + split + ".jsonl"));
    }
    engineCache = Files.createDirectories(tmp.resolve("executor-engine-cache"));
    // Two workers of 2 cores: in cluster mode the driver takes one core of a worker, and the two
    // one-core executors still fit.
    cluster = StandaloneCluster.sparkInstallation(tmp.resolve("cluster"), 2, "2560m")
        .start(2, java.time.Duration.ofSeconds(120));
  }

  @AfterAll
  void stop() {
    if (cluster != null) {
      cluster.close();
    }
    if (dfs != null) {
      dfs.shutdown();
    }
  }

  @ParameterizedTest(name = "--deploy-mode {0}")
  @ValueSource(strings = {"client", "cluster"})
  @Timeout(900)
  void distJarSubmittedRunsARealSweepFromAndToHdfs(String mode) throws Exception {
    String out = hdfs + "/runs-" + mode;
    Path localConfig = TestSweeps.write(tmp, mode + ".yaml", sweep());
    String config = localConfig.toString();
    // Cluster mode: the driver runs on a worker, which has none of the submitter's files: the jar
    // and the sweep config go where every node can read them.
    String jar = distJar.toString();
    if (mode.equals("cluster")) {
      config = hdfs + "/conf/" + localConfig.getFileName();
      fs.copyFromLocalFile(new org.apache.hadoop.fs.Path(localConfig.toString()), new org.apache.hadoop.fs.Path(config));
      jar = hdfs + "/jars/" + distJar.getFileName();
      if (!fs.exists(new org.apache.hadoop.fs.Path(jar))) {
        fs.copyFromLocalFile(new org.apache.hadoop.fs.Path(distJar.toString()), new org.apache.hadoop.fs.Path(jar));
      }
    }
    long start = System.nanoTime();
    Process submit = sparkSubmit(mode, jar, "submit-" + mode, List.of("run", config, "--out", out));
    boolean ended = submit.waitFor(840, TimeUnit.SECONDS);
    String log = Files.readString(tmp.resolve("submit-" + mode + ".log"));
    if (!ended) {
      submit.destroyForcibly();
      fail("spark-submit --deploy-mode " + mode + " did not end:\n" + tail(log));
    }
    System.out.printf("spark-submit --deploy-mode %s: exit %d after %.0f s%n", mode, submit.exitValue(),
        (System.nanoTime() - start) / 1e9);
    assertEquals(0, submit.exitValue(), "spark-submit exit code:\n" + tail(log));
    if (mode.equals("cluster")) {
      // SparkSubmit exits 0 in standalone cluster mode even when the driver failed: ask the Master.
      assertEquals(List.of("FINISHED"), driverStates(), "driver state; its log:\n" + tail(driverLog()));
    }

    String root = out + "/" + SWEEP;
    for (String file : new String[] {"trials/trials.parquet", "tables/selected-on-dev.md", "tables/results.csv",
        "tables/report.html", "features/cb/minilm-l6-len64/_FINGERPRINT"}) {
      assertTrue(fs.exists(new org.apache.hadoop.fs.Path(root + "/" + file)), file + " on HDFS; listing "
          + listing(root));
    }
    SparkSession spark = SparkSession.builder().master("local[1]").config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1").getOrCreate();
    try {
      List<Row> trials = spark.sql("SELECT method, status, executor, features, dev_score, dev_scores FROM parquet.`"
          + root + "/trials/trials.parquet` ORDER BY method").collectAsList();
      assertEquals(List.of("ft", "pt2"), trials.stream().map(r -> r.getString(0)).toList());
      for (Row r : trials) {
        assertEquals("COMPLETED", r.getString(1), r.toString());
        assertFalse(r.getString(2).equals("driver"), "the trial ran in an executor: " + r);
        assertTrue(r.getString(3).startsWith("stored " + root + "/features/cb/minilm-l6-len64/arrow"),
            "the trial read the features preprocessing stored on HDFS: " + r);
        assertTrue(r.getDouble(4) >= 0 && r.getDouble(4) <= 1, "dev score " + r);
        assertEquals(1, r.getList(5).size(), "one epoch: " + r);
      }
      List<Row> table = spark.read().option("header", "true").csv(root + "/tables/results.csv").collectAsList();
      assertFalse(table.isEmpty(), "tables/results.csv has rows");

      if (mode.equals("client")) {
        // The trained prompt used the same way: predict submitted as a Spark job, the checkpoint,
        // the input and the predictions on HDFS, the model loaded once per executor.
        String checkpoint = spark.sql("SELECT checkpoint_path FROM parquet.`" + root
            + "/trials/trials.parquet` WHERE method = 'pt2'").first().getString(0);
        String predictions = out + "/predictions";
        Process predict = sparkSubmit(mode, jar, "predict-" + mode, List.of("predict", checkpoint,
            "--input", hdfs + "/raw/superglue/CB/val.jsonl", "--output", predictions, "--partitions", "2"));
        assertTrue(predict.waitFor(600, TimeUnit.SECONDS), "predict did not end");
        assertEquals(0, predict.exitValue(), "spark-submit predict:\n" + tail(Files.readString(tmp.resolve("predict-" + mode + ".log"))));
        List<Row> labels = spark.sql("SELECT label, count(*) FROM parquet.`" + predictions + "/parquet` GROUP BY label")
            .collectAsList();
        assertEquals(56, labels.stream().mapToLong(r -> r.getLong(1)).sum(), "one prediction per CB dev example: " + labels);
        assertTrue(labels.stream().allMatch(r -> List.of("entailment", "contradiction", "neutral").contains(r.getString(0))),
            labels.toString());

        // And evaluate, submitted the same way: every dev example scored, the JSON written to HDFS.
        String evaluation = out + "/evaluation.json";
        Process evaluate = sparkSubmit(mode, jar, "evaluate-" + mode, List.of("evaluate", checkpoint,
            "--file", hdfs + "/raw/superglue/CB/val.jsonl", "--output", evaluation));
        assertTrue(evaluate.waitFor(600, TimeUnit.SECONDS), "evaluate did not end");
        assertEquals(0, evaluate.exitValue(), "spark-submit evaluate:\n" + tail(Files.readString(tmp.resolve("evaluate-" + mode + ".log"))));
        try (java.io.InputStream in = fs.open(new org.apache.hadoop.fs.Path(evaluation))) {
          JsonNode result = new ObjectMapper().readTree(in);
          assertEquals(56, result.get("examples").asInt(), result.toString());
          assertTrue(result.get("metrics").has("macro_f1") && result.get("metrics").has("accuracy"), result.toString());
        }
      }
    } finally {
      spark.stop();
    }
    // The executors got libtorch from the dist jar (pytorch-native-cpu), extracted offline into
    // their engine cache, which was empty before the first submit.
    try (Stream<Path> files = Files.walk(engineCache)) {
      assertTrue(files.anyMatch(p -> p.getFileName().toString().equals("libtorch.so")),
          "libtorch extracted into " + engineCache);
    }
  }

  /** MiniLM-L6 on a CB subsample, FT and PT-2, one epoch: two real trials, tokenized once by preprocess. */
  private String sweep() {
    return """
        name: %s
        runner: ptune.trial.PromptTuningTrialRunner
        data_dir: %s
        backbones: [minilm-l6]
        methods: [ft, pt2]
        tasks: [cb]
        seeds: [1]
        grid:
          epochs: 1
          batch_size: 8
          max_len: 64
          dropout: 0.1
          held_out_fraction: 0.2
          max_train_examples: 20
          max_dev_examples: 16
          lr: 1.0e-2
          prefix_len: 4
        overrides:
          - method: ft
            grid: {lr: 5.0e-5, prefix_len: null}
        preprocess: {encoder: ptune.preprocess.BackboneFeatureEncoder, input: "%s/raw"}
        """.formatted(SWEEP, DataDirectory.resolve(), hdfs);
  }

  /**
   * What {@code spark-submit} runs: its launcher starts {@code java -cp $SPARK_HOME/jars/*
   * [driver options] org.apache.spark.deploy.SparkSubmit ...}; in client mode the driver options
   * (Java 17 flags, spark.driver.extraJavaOptions of the properties file) go on that JVM, in
   * cluster mode the Worker applies them to the driver it launches. The --conf lines only fit the
   * properties to this small cluster.
   */
  private Process sparkSubmit(String mode, String jar, String logName, List<String> ptuneArgs) throws IOException {
    Path profile = TestSweeps.repoRoot().resolve("conf/spark/standalone.conf");
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g"));
    command.addAll(flags(System.getProperty("ptune.spark.java.opens", "")));
    if (mode.equals("client")) {
      command.addAll(flags(properties(profile).getProperty("spark.driver.extraJavaOptions", "")));
    }
    command.addAll(List.of("-cp", StandaloneCluster.sparkClassPath(), "org.apache.spark.deploy.SparkSubmit",
        "--master", cluster.masterUrl(), "--deploy-mode", mode, "--class", "ptune.cli.Ptune",
        "--properties-file", profile.toString(),
        "--conf", "spark.cores.max=2",
        "--conf", "spark.executor.memory=1g", "--conf", "spark.driver.memory=1g",
        "--conf", "spark.ui.enabled=false",
        "--conf", "spark.executorEnv.ENGINE_CACHE_DIR=" + engineCache,
        "--conf", "spark.executorEnv.PTUNE_CACHE_DIR=" + tmp.resolve("executor-ptune-cache"),
        jar));
    command.addAll(ptuneArgs);
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(tmp.resolve(logName + ".log").toFile());
    // The submitting machine has never seen ptune either (in standalone cluster mode this
    // environment is also the driver's).
    pb.environment().keySet().removeAll(List.of("DJL_OFFLINE", "ENGINE_CACHE_DIR", "PTUNE_CACHE_DIR"));
    pb.environment().put("ENGINE_CACHE_DIR", tmp.resolve("driver-engine-cache").toString());
    pb.environment().put("PTUNE_CACHE_DIR", tmp.resolve("driver-ptune-cache").toString());
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    return pb.start();
  }

  private List<String> driverStates() throws IOException {
    JsonNode status = new ObjectMapper().readTree(cluster.masterStatus());
    List<String> states = new ArrayList<>();
    status.path("completeddrivers").forEach(d -> states.add(d.path("state").asText()));
    status.path("activedrivers").forEach(d -> states.add(d.path("state").asText()));
    return states;
  }

  /** The cluster-mode driver's stdout and stderr, in its worker's work directory. */
  private String driverLog() throws IOException {
    StringBuilder log = new StringBuilder();
    try (Stream<Path> files = Files.walk(tmp.resolve("cluster"))) {
      for (Path p : files.filter(p -> p.getParent().getFileName().toString().startsWith("driver-")
          && (p.getFileName().toString().equals("stderr") || p.getFileName().toString().equals("stdout"))).toList()) {
        log.append("== ").append(p).append('\n').append(Files.readString(p));
      }
    }
    return log.toString();
  }

  private String listing(String root) throws IOException {
    List<String> names = new ArrayList<>();
    org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(root);
    if (fs.exists(path)) {
      for (var s : fs.listStatus(path)) {
        names.add(s.getPath().getName());
      }
    }
    return names.toString();
  }

  /**
   * jobs/target/ptune-jobs-*-dist.jar, which {@code -P dist} builds in the jobs module's package
   * phase; one older than the compiled classes is left from an earlier build and would test old code.
   */
  private static Path distJar() throws IOException {
    Path root = TestSweeps.repoRoot();
    Path target = root.resolve("jobs/target");
    Path jar;
    try (Stream<Path> jars = Files.list(target)) {
      jar = jars.filter(p -> p.getFileName().toString().matches("ptune-jobs-.*-dist\\.jar")).findFirst()
          .orElseThrow(() -> new IllegalStateException("no ptune-jobs-*-dist.jar in " + target
              + ": this test submits the dist jar; run it with the dist profile (mvn -B -P full,dist verify)"));
    } catch (java.nio.file.NoSuchFileException e) {
      throw new IllegalStateException(target + " does not exist: build with mvn -B -P full,dist verify", e);
    }
    long built = Files.getLastModifiedTime(jar).toMillis();
    for (String module : new String[] {"datasets", "core", "jobs"}) {
      try (Stream<Path> classes = Files.walk(root.resolve(module + "/target/classes"))) {
        Path newer = classes.filter(p -> p.toFile().lastModified() > built).findFirst().orElse(null);
        if (newer != null) {
          throw new IllegalStateException(jar + " is older than " + newer
              + ": rebuild it in the same run (mvn -B -P full,dist verify)");
        }
      }
    }
    return jar;
  }

  private static Properties properties(Path file) throws IOException {
    Properties p = new Properties();
    try (InputStream in = Files.newInputStream(file)) {
      p.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
    }
    return p;
  }

  private static List<String> flags(String options) {
    return Stream.of(options.trim().split("\\s+")).filter(s -> !s.isBlank()).toList();
  }

  private static String tail(String log) {
    return log.length() <= 8000 ? log : "..." + log.substring(log.length() - 8000);
  }
}
