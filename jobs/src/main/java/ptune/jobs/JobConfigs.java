package ptune.jobs;

import ptune.results.SweepLayout;
import ptune.sweep.SweepConfig;
import ptune.sweep.SweepConfigReader;
import ptune.sweep.SweepPreflight;

/** The sweep config a job runs: the file the arguments name, with their overrides applied. */
final class JobConfigs {

  private JobConfigs() {}

  static SweepConfig load(JobArguments args) {
    SweepConfig config = SweepConfigReader.read(args.config());
    return args.dataDir() == null ? config : config.withDataDir(args.dataDir());
  }

  /**
   * {@link #load}, then the pre-flight checks of everything the trials will need (before
   * preprocessing, before any Spark session): a bad config fails here, naming file, line and key.
   */
  static SweepConfig loadChecked(JobArguments args) {
    SweepConfig config = load(args);
    new SweepPreflight(config, SweepConfigReader.lines(args.config()), args.dataDir())
        .check(SweepLayout.of(args.out(), config.name()));
    return config;
  }
}
