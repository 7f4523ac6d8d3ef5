package ptune.jobs;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import ptune.console.Console;
import ptune.console.JobLog;
import ptune.results.SweepLayout;
import ptune.sweep.SweepConfig;

/**
 * The console and the log of one job: System.out and System.err go through a {@link Console}
 * (so that the live status stays readable on a terminal), and log4j2 is set up by {@link JobLog}
 * (WARN and above on the console, everything from INFO in the sweep's log file).
 */
final class JobConsole implements AutoCloseable {

  private final Console console;
  private final AutoCloseable capture;
  private final JobLog log;

  private JobConsole(Console console, AutoCloseable capture, JobLog log) {
    this.console = console;
    this.capture = capture;
    this.log = log;
  }

  static JobConsole open(String job, SweepConfig config, JobArguments args) {
    boolean gpus = requestsGpus(SparkSessionFactory.settings(config, args));
    String sweepRoot = SweepLayout.of(args.out(), config.name()).root();
    Console console = Console.system();
    AutoCloseable capture = console.capture();
    JobLog log = JobLog.start(job, sweepRoot, args.verbose(), gpus);
    log.file().ifPresent(file -> console.printf("ptune %s %s: full log in %s%s%n", job, config.name(), file,
        args.verbose() ? "" : " (--verbose: on the console too)"));
    return new JobConsole(console, capture, log);
  }

  Console console() {
    return console;
  }

  Optional<Path> logFile() {
    return log.file();
  }

  /** Whether trials ask Spark for GPUs (then DJL's GPU detection warnings matter). */
  private static boolean requestsGpus(Map<String, Object> sparkSettings) {
    return sparkSettings.keySet().stream().anyMatch(k -> k.matches("spark\\.(task|executor|driver)\\.resource\\.gpu\\.amount"));
  }

  @Override
  public void close() throws Exception {
    log.close();
    capture.close();
  }
}
