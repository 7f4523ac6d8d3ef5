package ptune.jobs;

import ptune.sweep.SweepConfig;
import ptune.sweep.SweepConfigReader;

/** The sweep config a job runs: the file the arguments name, with their overrides applied. */
final class JobConfigs {

  private JobConfigs() {}

  static SweepConfig load(JobArguments args) {
    SweepConfig config = SweepConfigReader.read(args.config());
    return args.dataDir() == null ? config : config.withDataDir(args.dataDir());
  }
}
