package ptune.jobs;

import java.nio.file.Path;
import ptune.results.SweepLayout;
import ptune.sweep.SweepConfig;
import ptune.sweep.SweepConfigReader;
import ptune.sweep.SweepPreflight;

/** The sweep config a job runs: the file the arguments name, with their overrides applied. */
final class JobConfigs {

  private JobConfigs() {}

  static SweepConfig load(JobArguments args) {
    SweepConfig config = SweepConfigReader.read(args.config());
    return config.withDataDir(onExecutors(args.dataDir() == null ? config.dataDir() : args.dataDir()));
  }

  /**
   * A relative local data_dir is relative to the directory the job was started in; executors run
   * elsewhere (a Worker's work directory), so they get it absolute. URIs (hdfs://, file:) are kept.
   */
  static String onExecutors(String dataDir) {
    if (dataDir.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
      return dataDir;
    }
    return Path.of(dataDir).toAbsolutePath().normalize().toString();
  }

  /**
   * {@link #load}, then the pre-flight checks of everything the trials will need (before
   * preprocessing, before any Spark session): a bad config fails here, naming file, line and key.
   */
  static SweepConfig loadChecked(JobArguments args) {
    SweepConfig config = load(args);
    new SweepPreflight(config, SweepConfigReader.lines(args.config()), args.dataDir())
        .check(SweepLayout.of(args.out(), config.name()))
        .forEach(System.out::println); // what the driver read of the sweep's declared tasks
    return config;
  }
}
