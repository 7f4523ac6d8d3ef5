package ptune.console;

import java.net.URI;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.Filter;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.config.builder.api.AppenderComponentBuilder;
import org.apache.logging.log4j.core.config.builder.api.ConfigurationBuilder;
import org.apache.logging.log4j.core.config.builder.api.ConfigurationBuilderFactory;
import org.apache.logging.log4j.core.config.builder.api.RootLoggerComponentBuilder;
import org.apache.logging.log4j.core.config.builder.impl.BuiltConfiguration;

/**
 * The logs of one job (Spark's, Hadoop's, Parquet's, DJL's and ptune's own, through log4j2): from
 * INFO in a local file, and from WARN on the console (from INFO with {@code --verbose}). The
 * file is {@code <sweep dir>/logs/<job>-<UTC timestamp>.log}; when the sweep directory is not on
 * the local filesystem (hdfs://...) it is under {@code java.io.tmpdir/ptune-logs/<sweep>/} instead,
 * since a log is appended line by line.
 *
 * <p>A log4j2 configuration of the user's own is left alone: {@code -Dlog4j2.configurationFile}, or
 * a log4j2.properties / log4j2.xml on the classpath (Spark's conf/ directory under spark-submit).
 * A log4j2-test.* (tests' own) is not one: a job a test runs sets up its log as a user's would.
 *
 * <p>Warnings that every run prints and that say nothing a user can act on go to the file only
 * (the console shows their loggers from ERROR): Arrow's CheckAllocator "More than one
 * DefaultAllocationManager on classpath" (by design: core brings the unsafe allocator for use
 * outside Spark, Spark its netty one), Spark's SparkStringUtils "Truncated the string
 * representation of a plan" (a debug string of the trials table's wide plan), and DJL's CudaUtils
 * "Failed to detect GPU count" on a machine without a CUDA driver, which means nothing when the
 * sweep runs on CPUs: when the job asks Spark for GPUs, CudaUtils warnings do reach the console.
 */
public final class JobLog implements AutoCloseable {

  static final String DJL_CUDA = "ai.djl.util.cuda.CudaUtils";
  /** Loggers whose warnings are noise on every run (see above), whether or not there are GPUs. */
  static final List<String> NOISE = List.of("org.apache.arrow.memory.CheckAllocator",
      "org.apache.spark.sql.catalyst.util.SparkStringUtils");
  private static final String PATTERN = "%d{yy/MM/dd HH:mm:ss} %p %c{1}: %m%n%ex";
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

  private final Path file;

  private JobLog(Path file) {
    this.file = file;
  }

  /**
   * Configures log4j2 for job {@code job} of the sweep rooted at {@code sweepRoot} (a Hadoop URI,
   * as {@link ptune.results.SweepLayout#root()}).
   */
  public static JobLog start(String job, String sweepRoot, boolean verbose, boolean gpus) {
    if (userConfigured()) {
      return new JobLog(null);
    }
    Path file = logDir(sweepRoot).resolve(job + "-" + ZonedDateTime.now(ZoneOffset.UTC).format(STAMP) + ".log");
    Configurator.reconfigure(configuration(file, verbose ? Level.INFO : Level.WARN, gpus));
    return new JobLog(file);
  }

  /** The log file, empty when the user's own log4j2 configuration is in charge. */
  public Optional<Path> file() {
    return Optional.ofNullable(file);
  }

  /** Where the logs of a sweep go: its logs/ directory when local, else a local temporary directory. */
  static Path logDir(String sweepRoot) {
    URI uri = URI.create(sweepRoot);
    if (uri.getScheme() == null || uri.getScheme().equals("file")) {
      return Path.of(uri.getScheme() == null ? sweepRoot : uri.getPath(), "logs");
    }
    String name = Path.of(uri.getPath()).getFileName().toString();
    return Path.of(System.getProperty("java.io.tmpdir"), "ptune-logs", name);
  }

  /** Closes the file: from here on, WARN and above on the console only. */
  @Override
  public void close() {
    if (file != null) {
      Configurator.reconfigure(configuration(null, Level.WARN, true));
    }
  }

  private static boolean userConfigured() {
    if (System.getProperty("log4j2.configurationFile") != null || System.getProperty("log4j.configurationFile") != null) {
      return true;
    }
    ClassLoader loader = JobLog.class.getClassLoader();
    for (String name : new String[] {"log4j2.properties", "log4j2.xml"}) {
      if (loader.getResource(name) != null) {
        return true;
      }
    }
    return false;
  }

  /** A file appender from INFO (none when {@code file} is null) and a console appender from {@code consoleLevel}. */
  static BuiltConfiguration configuration(Path file, Level consoleLevel, boolean gpus) {
    ConfigurationBuilder<BuiltConfiguration> b = ConfigurationBuilderFactory.newConfigurationBuilder();
    b.setConfigurationName("ptune job log");
    b.setStatusLevel(Level.WARN);
    // System.err as it is when a line is written (follow): the job's Console routes it.
    AppenderComponentBuilder console = b.newAppender("console", "Console")
        .addAttribute("target", "SYSTEM_ERR").addAttribute("follow", true)
        .add(b.newLayout("PatternLayout").addAttribute("pattern", PATTERN))
        .add(b.newFilter("ThresholdFilter", Filter.Result.ACCEPT, Filter.Result.DENY).addAttribute("level", consoleLevel));
    b.add(console);
    RootLoggerComponentBuilder root = b.newRootLogger(Level.INFO).add(b.newAppenderRef("console"));
    if (file != null) {
      b.add(b.newAppender("file", "File").addAttribute("fileName", file.toString()).addAttribute("append", true)
          .add(b.newLayout("PatternLayout").addAttribute("pattern", PATTERN)));
      root.add(b.newAppenderRef("file"));
      List<String> fileOnly = new ArrayList<>(NOISE);
      if (!gpus) {
        fileOnly.add(DJL_CUDA);
      }
      for (String logger : fileOnly) {
        b.add(b.newLogger(logger, Level.INFO).addAttribute("additivity", false)
            .add(b.newAppenderRef("file"))
            .add(b.newAppenderRef("console").addAttribute("level", Level.ERROR)));
      }
    }
    b.add(root);
    // As Spark's own defaults (log4j2-defaults.properties): its embedded Jetty is chatty even at INFO.
    b.add(b.newLogger("org.sparkproject.jetty", Level.WARN));
    b.add(b.newLogger("org.sparkproject.jetty.util.component.AbstractLifeCycle", Level.ERROR));
    return b.build(false);
  }
}
