package ptune.jobs;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.spark.sql.SparkSession;
import ptune.sweep.SweepConfig;

/**
 * The Spark session of a job. Settings, later ones winning: ptune's defaults, the sweep config's
 * {@code spark} section, a spark-defaults style profile ({@code --spark-profile}), then
 * {@code --master}. Under spark-submit the master and anything spark-submit set are kept.
 */
public final class SparkSessionFactory {

  /** One trial per JVM at a time: DJL's PyTorch gradient collector is a JVM-wide singleton. */
  static final String DEFAULT_MASTER = "local[2]";

  private SparkSessionFactory() {}

  public static SparkSession create(String job, SweepConfig config, JobArguments args) {
    return SparkSession.builder().appName("ptune " + job + " " + config.name()).config(settings(config, args)).getOrCreate();
  }

  /**
   * A session for a job without trials ({@code preprocess} alone): in local mode one core per
   * task, so that its tokenizing tasks run side by side instead of one at a time.
   */
  public static SparkSession createWithoutTrials(String job, SweepConfig config, JobArguments args) {
    Map<String, Object> settings = settings(config, args);
    if (settings.get("spark.master").toString().startsWith("local") && settings.containsKey("spark.task.cpus")
        && System.getProperty("spark.task.cpus") == null) {
      settings.put("spark.task.cpus", "1");
    }
    return SparkSession.builder().appName("ptune " + job + " " + config.name()).config(settings).getOrCreate();
  }

  static Map<String, Object> settings(SweepConfig config, JobArguments args) {
    Properties profile = args.sparkProfile() == null ? new Properties() : loadProfile(args.sparkProfile());
    String master = firstNonNull(args.master(), profile.getProperty("spark.master"),
        System.getProperty("spark.master"), config.master(), DEFAULT_MASTER).trim();
    Map<String, Object> s = new LinkedHashMap<>();
    if (master.startsWith("local")) {
      // every local core to one task: one trial at a time in the JVM, with all the cores' threads
      Integer cores = localCores(master);
      if (cores != null) {
        s.put("spark.task.cpus", cores.toString());
      }
      s.put("spark.driver.host", "127.0.0.1");
      s.put("spark.driver.bindAddress", "127.0.0.1");
    }
    // A trial that fails in its own code is recorded as FAILED by the task; a task failure means
    // infrastructure (a lost executor), and the sweep re-submits those trials itself.
    s.put("spark.task.maxFailures", "1");
    // The sweep prints its own status (SweepProgress); Spark's stage bar would write over it.
    s.put("spark.ui.showConsoleProgress", "false");
    s.put("spark.executorEnv.DJL_OFFLINE", "true");
    s.put("spark.executor.extraJavaOptions", "-Dai.djl.offline=true -Dai.djl.default_engine=PyTorch");
    s.putAll(config.spark());
    profile.forEach((k, v) -> s.put((String) k, ((String) v).trim()));
    // spark-submit passes its settings (--conf, --properties-file) as system properties, which the
    // session's SparkConf reads; a builder option would override them.
    s.keySet().removeIf(key -> System.getProperty(key) != null);
    s.put("spark.master", master);
    return s;
  }

  /**
   * N of {@code local[N]} / {@code local[N,F]}, all processors for {@code local[*]}, 1 for
   * {@code local}; null for {@code local-cluster[...]}, whose executors have cores of their own.
   */
  static Integer localCores(String master) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("local(?:\\[(\\*|\\d+)(?:,\\d+)?\\])?").matcher(master);
    if (!m.matches()) {
      return null;
    }
    if (m.group(1) == null) {
      return 1;
    }
    return m.group(1).equals("*") ? Runtime.getRuntime().availableProcessors() : Integer.parseInt(m.group(1));
  }

  private static String firstNonNull(String... values) {
    for (String v : values) {
      if (v != null) {
        return v;
      }
    }
    throw new IllegalStateException("no default");
  }

  private static Properties loadProfile(String file) {
    Properties p = new Properties();
    try (Reader in = Files.newBufferedReader(Path.of(file))) {
      p.load(in);
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read Spark profile " + file, e);
    }
  }
}
