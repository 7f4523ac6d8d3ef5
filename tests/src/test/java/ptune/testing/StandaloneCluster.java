package ptune.testing;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Spark standalone cluster of separate JVMs started from the Maven jars (no Spark distribution):
 * one Master and N Workers on 127.0.0.1, each Worker offering one emulated {@code gpu} through
 * conf/spark/gpu-discovery.sh (worker i offers address i). Executors get the classes from
 * {@link #executorClassPath()} (spark.executor.extraClassPath); the fake SPARK_HOME only needs an
 * empty jars/ directory and SPARK_SCALA_VERSION. See shared/research/spark-cluster-hdfs.md.
 */
public final class StandaloneCluster implements AutoCloseable {

  private final Path dir;
  private final String classPath;
  private final boolean sparkInstallation;
  private int workerCores = 1;
  private String workerMemory = "1g";
  private final List<Process> daemons = new ArrayList<>();
  private final Thread cleanupOnExit = new Thread(this::close, "standalone-cluster-cleanup");
  private int masterPort;
  private int masterUi;

  public StandaloneCluster(Path dir) throws IOException {
    this(dir, runtimeClassPath(), false);
  }

  private StandaloneCluster(Path dir, String classPath, boolean sparkInstallation) {
    this.dir = dir;
    this.classPath = classPath;
    this.sparkInstallation = sparkInstallation;
  }

  /**
   * A cluster laid out like a Spark installation that has never seen ptune: SPARK_HOME/jars holds
   * Spark's jars only ({@link #sparkClassPath()}), the daemons run from them, and the executors and
   * cluster-mode drivers the Workers launch get nothing else (the app brings ptune in its jar).
   */
  public static StandaloneCluster sparkInstallation(Path dir, int workerCores, String workerMemory) throws IOException {
    StandaloneCluster cluster = new StandaloneCluster(dir, sparkClassPath(), true);
    cluster.workerCores = workerCores;
    cluster.workerMemory = workerMemory;
    return cluster;
  }

  /** Spark and its dependencies without ptune or what only ptune needs (maven-dependency-plugin). */
  public static String sparkClassPath() throws IOException {
    return Files.readString(Path.of("target", "spark.classpath")).trim();
  }

  /** The tests module's runtime classpath (Spark, ptune, DJL), written by maven-dependency-plugin. */
  public static String runtimeClassPath() throws IOException {
    return Files.readString(Path.of("target", "runtime.classpath")).trim();
  }

  /** What executors and child driver JVMs need: the runtime jars plus the test classes (the test runner). */
  public String executorClassPath() {
    return classPath + File.pathSeparator + Path.of("target", "test-classes").toAbsolutePath();
  }

  public String masterUrl() {
    return "spark://127.0.0.1:" + masterPort;
  }

  /** The Master's JSON status (workers, apps, drivers and their states). */
  public String masterStatus() throws IOException {
    try (InputStream in = URI.create("http://127.0.0.1:" + masterUi + "/json/").toURL().openStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  public StandaloneCluster start(int workers, Duration timeout) throws IOException, InterruptedException {
    Runtime.getRuntime().addShutdownHook(cleanupOnExit);
    Path sparkHome = Files.createDirectories(dir.resolve("spark-home/jars"));
    if (sparkInstallation) {
      for (String jar : classPath.split(File.pathSeparator)) {
        Path target = Path.of(jar);
        Files.createSymbolicLink(sparkHome.resolve(target.getFileName()), target);
      }
    }
    masterPort = freePort();
    masterUi = freePort();
    daemons.add(launch("master", Map.of(), "org.apache.spark.deploy.master.Master",
        "--host", "127.0.0.1", "--port", String.valueOf(masterPort), "--webui-port", String.valueOf(masterUi)));
    Path discovery = TestSweeps.repoRoot().resolve("conf/spark/gpu-discovery.sh");
    for (int i = 0; i < workers; i++) {
      Path properties = Files.writeString(dir.resolve("worker-" + i + ".properties"),
          "spark.worker.resource.gpu.amount=1\nspark.worker.resource.gpu.discoveryScript=" + discovery + "\n");
      Path workDir = Files.createDirectories(dir.resolve("work-" + i));
      daemons.add(launch("worker-" + i,
          Map.of("SPARK_HOME", sparkHome.getParent().toString(), "SPARK_SCALA_VERSION", "2.12",
              "PTUNE_EMULATED_GPUS", String.valueOf(i), "SPARK_LOCAL_DIRS", workDir.toString()),
          "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1", "--cores", String.valueOf(workerCores), "--memory", workerMemory,
          "--work-dir", workDir.toString(), "--webui-port", "0", "--properties-file", properties.toString(),
          masterUrl()));
    }
    awaitWorkers(masterUi, workers, timeout);
    return this;
  }

  private Process launch(String name, Map<String, String> env, String mainClass, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m"));
    command.addAll(List.of(System.getProperty("ptune.spark.java.opens", "").split(" ")).stream()
        .filter(s -> !s.isBlank()).toList());
    command.addAll(List.of("-cp", classPath, mainClass));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(dir.resolve(name + ".log").toFile());
    if (sparkInstallation) {
      // nothing of the test JVM's ptune setup (surefire's DJL environment) reaches the cluster
      pb.environment().keySet().removeAll(List.of("DJL_OFFLINE", "ENGINE_CACHE_DIR", "PTUNE_CACHE_DIR"));
    }
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    pb.environment().putAll(env);
    return pb.start();
  }

  /** The executor JVMs worker {@code i} runs now (for killing one). */
  public List<ProcessHandle> executorsOf(int i) {
    return daemons.get(1 + i).descendants().filter(StandaloneCluster::isExecutor).toList();
  }

  /** ProcessHandle.Info drops very long command lines (an executor's classpath), so read /proc. */
  private static boolean isExecutor(ProcessHandle p) {
    try {
      return Files.readString(Path.of("/proc", String.valueOf(p.pid()), "cmdline"), StandardCharsets.ISO_8859_1)
          .contains("CoarseGrainedExecutorBackend");
    } catch (IOException gone) {
      return false;
    }
  }

  private static void awaitWorkers(int masterUi, int workers, Duration timeout) throws IOException, InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    String expected = "\"aliveworkers\" : " + workers;
    while (Instant.now().isBefore(deadline)) {
      try (InputStream in = URI.create("http://127.0.0.1:" + masterUi + "/json/").toURL().openStream()) {
        if (new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\"aliveworkers\":", "\"aliveworkers\" :")
            .contains(expected)) {
          return;
        }
      } catch (IOException notUpYet) {
        // the master's web UI is still starting
      }
      Thread.sleep(500);
    }
    throw new IOException("the standalone cluster did not get " + workers + " workers within " + timeout);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /** Stops Workers (whose shutdown hooks stop their executors) and the Master, forcibly after 20 s. */
  @Override
  public synchronized void close() {
    List<ProcessHandle> all = new ArrayList<>();
    daemons.forEach(p -> {
      all.add(p.toHandle());
      p.descendants().forEach(all::add);
    });
    for (int i = daemons.size() - 1; i >= 0; i--) {
      daemons.get(i).destroy();
    }
    Instant deadline = Instant.now().plusSeconds(20);
    for (ProcessHandle p : all) {
      try {
        p.onExit().get(Math.max(1, Duration.between(Instant.now(), deadline).toMillis()),
            TimeUnit.MILLISECONDS);
      } catch (Exception stillRunning) {
        p.destroyForcibly();
      }
    }
    daemons.clear();
    try {
      Runtime.getRuntime().removeShutdownHook(cleanupOnExit);
    } catch (IllegalStateException shuttingDown) {
      // called from the hook itself
    }
  }
}
