package ptune.sweep;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import ptune.preprocess.FeatureEncoder;
import ptune.results.SweepLayout;
import ptune.trial.InvalidTrialException;
import ptune.trial.TrialRunner;
import ptune.trial.TrialSpec;

/**
 * Everything about a sweep that can be checked on the driver before preprocessing and before any
 * trial starts: the runner class (and the preprocess encoder) loads, every trial passes its runner's own checks
 * ({@link TrialRunner#validate}: names against the registries, data files, prompt and position
 * limits), and the output directory takes a file. Each problem is reported with the config file,
 * the line and the key that set the value at fault; all of them at once.
 */
public final class SweepPreflight {

  /** Enough to fix a config in one go without flooding the console. */
  private static final int MAX_PROBLEMS = 20;

  private final SweepConfig config;
  private final ConfigLines source;
  private final String dataDirOption;

  /**
   * @param dataDirOption the command line's {@code --data} when it replaced the config's data_dir, else null
   */
  public SweepPreflight(SweepConfig config, ConfigLines source, String dataDirOption) {
    this.config = config;
    this.source = source;
    this.dataDirOption = dataDirOption;
  }

  /**
   * @return one line per declared task the sweep runs (its labels, split sizes, repairs), for the
   *     console
   * @throws ConfigException listing every problem of the config (file, line, key)
   * @throws IllegalArgumentException when {@code --data} or {@code --out} is at fault
   */
  public List<String> check(SweepLayout layout) {
    TrialRunner runner = runner();
    checkEncoder();
    Map<String, ConfigException> problems = new LinkedHashMap<>();
    Path dataDir = Path.of(config.dataDir());
    List<TrialSpec> specs = GridExpander.expand(config);
    for (TrialSpec spec : specs) {
      try {
        runner.validate(spec, dataDir);
      } catch (InvalidTrialException e) {
        if (e.key().equals(InvalidTrialException.DATA_DIR) && dataDirOption != null) {
          throw new IllegalArgumentException("--data " + dataDirOption + ": " + e.getMessage(), e);
        }
        ConfigException problem = locate(spec, e);
        problems.putIfAbsent(problem.getMessage(), problem);
        if (problems.size() >= MAX_PROBLEMS) {
          break;
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(new ArrayList<>(problems.values()));
    }
    List<String> declared = DeclaredTaskCheck.check(config, source, dataDir, specs);
    checkWritable(layout);
    return declared;
  }

  private TrialRunner runner() {
    try {
      return TrialTask.newRunner(config.runner());
    } catch (ReflectiveOperationException | ClassCastException | LinkageError e) {
      throw new ConfigException(source.file(), source.lineOfKey("runner"), "runner",
          config.runner() + " cannot be created with a no-arg constructor: " + e);
    }
  }

  private void checkEncoder() {
    String encoder = config.preprocess().encoder();
    if (encoder == null) {
      return;
    }
    try {
      Object instance = Class.forName(encoder, true, Thread.currentThread().getContextClassLoader())
          .getDeclaredConstructor().newInstance();
      if (!(instance instanceof FeatureEncoder)) {
        throw new ClassCastException(encoder + " is no " + FeatureEncoder.class.getName());
      }
    } catch (ReflectiveOperationException | ClassCastException | LinkageError e) {
      throw new ConfigException(source.file(), source.lineOfValue("preprocess", encoder), "preprocess.encoder",
          encoder + " cannot be created with a no-arg constructor: " + e);
    }
  }

  /** The config key that set what the trial's runner rejected. */
  private ConfigException locate(TrialSpec spec, InvalidTrialException e) {
    String file = source.file();
    return switch (e.key()) {
      case "task" -> new ConfigException(file, source.lineOfValue("tasks", spec.task()), "tasks", e.getMessage());
      case "method" -> new ConfigException(file, source.lineOfValue("methods", spec.method()), "methods", e.getMessage());
      case "backbone" -> new ConfigException(file, source.lineOfValue("backbones", spec.backbone()), "backbones",
          e.getMessage());
      case InvalidTrialException.DATA_DIR -> {
        int line = source.lineOfKey("data_dir");
        yield new ConfigException(file, line, line > 0 ? "data_dir" : "data_dir (default " + config.dataDir() + ")",
            e.getMessage());
      }
      default -> {
        GridExpander.AxisSource axis =
            GridExpander.sources(config, spec.backbone(), spec.method(), spec.task()).get(e.key());
        String where = " (trials of " + spec.method() + " on " + spec.task() + " with " + spec.backbone() + ")";
        yield axis == null
            ? new ConfigException(file, -1, "grid." + e.key() + " (not set, the default)", e.getMessage() + where)
            : new ConfigException(file, axis.line(), axis.key(), e.getMessage() + where);
      }
    };
  }

  /** A file can be created under the sweep's directory (it is created if missing) and removed. */
  private static void checkWritable(SweepLayout layout) {
    org.apache.hadoop.fs.Path root = new org.apache.hadoop.fs.Path(layout.root());
    org.apache.hadoop.fs.Path probe = new org.apache.hadoop.fs.Path(root, ".ptune-write-check-" + UUID.randomUUID());
    try {
      FileSystem fs = root.getFileSystem(new Configuration());
      if (!fs.mkdirs(root)) {
        throw new IOException("cannot create the directory");
      }
      try (OutputStream out = fs.create(probe, false)) {
        out.write('\n');
      }
      fs.delete(probe, false);
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("--out: cannot write under " + layout.root() + ": " + reason(e), e);
    }
  }

  private static String reason(Throwable e) {
    String message = e.getMessage() == null ? e.toString() : e.getMessage();
    return message.lines().findFirst().orElse(message);
  }
}
