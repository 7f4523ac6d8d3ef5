package ptune.sweep;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import ptune.results.TrialRow;
import ptune.tasks.TaskDefinitionParser;

/**
 * Reads a sweep config from YAML and validates all of it before anything runs: an unknown key, a
 * value of the wrong type or an empty grid is a {@link ConfigException} naming the file, the line
 * and the key.
 */
public final class SweepConfigReader {

  /** The sweep used when the command line names none; a copy of conf/quickstart.yaml. */
  public static final String EMBEDDED_QUICKSTART = "ptune/conf/quickstart.yaml";

  private static final ObjectMapper YAML =
      YAMLMapper.builder()
          .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
          .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
          .addHandler(new UnknownKeyHandler())
          .build();

  private SweepConfigReader() {}

  static final String KEY_TASK_DEFINITIONS = "task_definitions";

  /** A Hadoop filesystem URI (hdfs://, s3a://, file:/...); a plain path is a local file. */
  private static final Pattern FILESYSTEM_URI = Pattern.compile("[a-zA-Z][a-zA-Z0-9+.-]+:/.*");

  /**
   * Reads {@code location}: a file path, a Hadoop filesystem URI (in cluster deploy mode the driver
   * runs on a worker, which may not have the submitter's files), or "quickstart" (or null) for the
   * embedded default.
   */
  public static SweepConfig read(String location) {
    ConfigLines source = lines(location);
    try {
      return parse(new ByteArrayInputStream(source.text().getBytes(StandardCharsets.UTF_8)), source.file());
    } catch (IOException e) {
      throw new ConfigException(source.file(), "cannot read: " + e.getMessage(), e);
    }
  }

  /** The text of the config {@link #read} reads, to locate keys in pre-flight messages. */
  public static ConfigLines lines(String location) {
    if (location == null || location.equals("quickstart")) {
      try (InputStream in =
          SweepConfigReader.class.getClassLoader().getResourceAsStream(EMBEDDED_QUICKSTART)) {
        if (in == null) {
          throw new IllegalStateException("the jar lacks " + EMBEDDED_QUICKSTART);
        }
        return new ConfigLines("classpath:" + EMBEDDED_QUICKSTART, new String(in.readAllBytes(), StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new ConfigException("classpath:" + EMBEDDED_QUICKSTART, "cannot read", e);
      }
    }
    try (InputStream in = open(location)) {
      return new ConfigLines(location, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new ConfigException(location, "cannot read: " + e.getMessage(), e);
    }
  }

  private static InputStream open(String location) throws IOException {
    if (FILESYSTEM_URI.matcher(location).matches()) {
      org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(location);
      return path.getFileSystem(new org.apache.hadoop.conf.Configuration()).open(path);
    }
    return Files.newInputStream(Path.of(location));
  }

  public static SweepConfig parse(InputStream in, String file) throws IOException {
    String yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    SweepConfig raw;
    try {
      raw = YAML.readValue(yaml, SweepConfig.class);
    } catch (JsonMappingException e) {
      throw fromJackson(e, file, yaml);
    } catch (JsonProcessingException e) {
      int line = e.getLocation() == null ? -1 : e.getLocation().getLineNr();
      throw new ConfigException(file, line, "(syntax)", e.getOriginalMessage());
    }
    if (raw == null) {
      throw new ConfigException(file, -1, "(file)", "the config is empty");
    }
    SweepConfig config = raw.withDefaults();
    validate(config, new ConfigLines(file, yaml));
    return config;
  }

  private static ConfigException fromJackson(JsonMappingException e, String file, String yaml) {
    int line = e.getLocation() == null ? -1 : e.getLocation().getLineNr();
    String key = keyPath(e.getPath());
    if (e instanceof UnknownKeyException u) {
      String where = key.equals("(top level)") ? u.key : key + "." + u.key;
      return new ConfigException(file, new ConfigLines(file, yaml).lineOfKey(u.key), where, "unknown key (known keys: " + u.known + ")");
    }
    String problem = e.getOriginalMessage().lines().findFirst().orElse("invalid value");
    return new ConfigException(file, line, key, problem);
  }

  /**
   * Jackson's own unknown-property error points past the value; this one points at the key's line.
   */
  private static final class UnknownKeyHandler extends DeserializationProblemHandler {
    @Override
    public boolean handleUnknownProperty(DeserializationContext ctxt, JsonParser p, JsonDeserializer<?> deserializer,
        Object bean, String key) throws IOException {
      String known = deserializer.getKnownPropertyNames().stream().map(String::valueOf).sorted()
          .collect(Collectors.joining(", "));
      throw new UnknownKeyException(p, key, known);
    }
  }

  private static final class UnknownKeyException extends JsonMappingException {
    final String key;
    final String known;

    UnknownKeyException(JsonParser p, String key, String known) {
      super(p, "unknown key " + key);
      this.key = key;
      this.known = known;
    }
  }

  private static String keyPath(List<JsonMappingException.Reference> path) {
    StringBuilder key = new StringBuilder();
    for (JsonMappingException.Reference ref : path) {
      if (ref.getFieldName() != null) {
        key.append(key.length() == 0 ? "" : ".").append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        key.append('[').append(ref.getIndex()).append(']');
      }
    }
    return key.length() == 0 ? "(top level)" : key.toString();
  }

  private static void validate(SweepConfig c, ConfigLines lines) {
    String file = lines.file();
    if (c.name() == null || c.name().isBlank()) {
      throw new ConfigException(file, -1, "name", "missing: every sweep needs a name");
    }
    if (!c.name().matches("[A-Za-z0-9._-]+")) {
      throw new ConfigException(file, lines.lineOfKey("name"), "name",
          "use letters, digits, '.', '_' or '-' only (it names a directory)");
    }
    requireNonEmpty(c.backbones(), "backbones", lines);
    requireNonEmpty(c.methods(), "methods", lines);
    requireNonEmpty(c.tasks(), "tasks", lines);
    requireNonEmpty(c.seeds(), "seeds", lines);
    if (c.retryRounds() < 0) {
      throw new ConfigException(file, lines.lineOfKey("retry_rounds"), "retry_rounds", "must be >= 0");
    }
    if (!(c.regressionAlpha() > 0 && c.regressionAlpha() < 1)) {
      throw new ConfigException(file, -1, "regression_alpha", "must be between 0 and 1 (exclusive), e.g. 0.05");
    }
    if (c.regressionThreshold() < 0) {
      throw new ConfigException(file, -1, "regression_threshold", "must be >= 0 (points)");
    }
    if (c.stateEvery() < 0) {
      throw new ConfigException(file, lines.lineOfKey("state_every"), "state_every",
          "must be >= 0 (epochs between saved training states; 0 saves none)");
    }
    if (c.trialTimeout() != null && !(c.trialTimeout() > 0 && Double.isFinite(c.trialTimeout()))) {
      throw new ConfigException(file, lines.lineOfKey("trial_timeout"), "trial_timeout",
          "must be a positive number of seconds (leave it out for no limit)");
    }
    if (c.scheduler() != null) {
      checkScheduler(c, lines);
    }
    checkTaskDefinitions(c, lines);
    if (c.throughputRegressionPercent() < 0) {
      throw new ConfigException(file, -1, "throughput_regression_percent", "must be >= 0 (percent)");
    }
    c.hyperparameterTypes().keySet().stream().filter(TrialRow.RESERVED::contains).findFirst().ifPresent(name -> {
      throw new ConfigException(file, lines.lineOfValue("hyperparameter_types", name), "hyperparameter_types." + name,
          "reserved: a result column has this name");
    });
    HyperparameterCatalog catalog = c.catalog();
    checkGrid(c.grid(), "grid", catalog, file, false);
    for (int i = 0; i < c.overrides().size(); i++) {
      GridOverride o = c.overrides().get(i);
      String key = "overrides[" + i + "]";
      checkSelector(o.backbone(), c.backbones(), key + ".backbone", lines);
      checkSelector(o.method(), c.methods(), key + ".method", lines);
      checkSelector(o.task(), c.tasks(), key + ".task", lines);
      if (o.grid() == null || o.grid().isEmpty()) {
        throw new ConfigException(file, -1, key + ".grid", "empty grid: an override must set at least one hyperparameter");
      }
      checkGrid(o.grid(), key + ".grid", catalog, file, true);
    }
  }

  /** Every key of every declared task ({@link TaskDefinitionParser}), at the line it was written on. */
  private static void checkTaskDefinitions(SweepConfig c, ConfigLines lines) {
    c.taskDefinitions().forEach((name, declaration) -> {
      if (declaration == null) {
        throw new ConfigException(lines.file(), lines.lineOfPath(KEY_TASK_DEFINITIONS, name),
            KEY_TASK_DEFINITIONS + "." + name, "empty: a task needs kind, format, files and metric");
      }
      try {
        TaskDefinitionParser.parse(name, declaration);
      } catch (TaskDefinitionParser.Problem problem) {
        boolean ofName = problem.key().equals("(name)");
        List<String> path = new ArrayList<>(List.of(KEY_TASK_DEFINITIONS, name));
        if (!ofName) {
          path.addAll(List.of(problem.key().split("\\.")));
        }
        throw new ConfigException(lines.file(), lines.lineOfPath(path.toArray(String[]::new)),
            KEY_TASK_DEFINITIONS + "." + name + (ofName ? "" : "." + problem.key()), problem.problem());
      }
    });
  }

  private static void checkScheduler(SweepConfig c, ConfigLines lines) {
    SweepConfig.SchedulerConfig s = c.scheduler();
    String file = lines.file();
    if (!SweepConfig.SchedulerConfig.ASHA.equals(s.type())) {
      throw new ConfigException(file, schedulerLine(lines, "type"), "scheduler.type",
          s.type() == null ? "missing: the only scheduler is asha" : "'" + s.type() + "' is not a scheduler (the only one is asha)");
    }
    if (s.graceEpochs() == null || s.graceEpochs() < 1) {
      throw new ConfigException(file, schedulerLine(lines, "grace_epochs"), "scheduler.grace_epochs",
          s.graceEpochs() == null ? "missing: the epochs every trial trains before the first rung"
              : "must be >= 1 (epochs every trial trains before the first rung), got " + s.graceEpochs());
    }
    if (s.reductionFactor() < 2) {
      throw new ConfigException(file, schedulerLine(lines, "reduction_factor"), "scheduler.reduction_factor",
          "must be >= 2 (1/reduction_factor of the grid points continue at each rung), got " + s.reductionFactor());
    }
    if (!s.metric().equals(SweepConfig.SchedulerConfig.DEV) && !s.metric().equals(SweepConfig.SchedulerConfig.HELD_OUT)) {
      throw new ConfigException(file, schedulerLine(lines, "metric"), "scheduler.metric",
          "'" + s.metric() + "' is not dev or held_out");
    }
    if (s.metric().equals(SweepConfig.SchedulerConfig.HELD_OUT) && !c.grid().containsKey("held_out_fraction")
        && c.overrides().stream().noneMatch(o -> o.grid() != null && o.grid().containsKey("held_out_fraction"))) {
      throw new ConfigException(file, schedulerLine(lines, "metric"), "scheduler.metric",
          "held_out ranks trials by their held-out score: set held_out_fraction in the grid");
    }
    // Grid values are checked after this; a non-integer one is reported there, not here.
    int most = Stream.concat(Stream.of(c.grid()), c.overrides().stream().map(GridOverride::grid))
        .filter(g -> g != null && g.containsKey("epochs") && !g.get("epochs").notApplicable())
        .flatMap(g -> g.get("epochs").values().stream()).filter(JsonNode::isIntegralNumber)
        .mapToInt(JsonNode::asInt).max().orElse(ptune.trial.Hyperparameters.EPOCHS.defaultValue());
    if (s.graceEpochs() >= most) {
      throw new ConfigException(file, schedulerLine(lines, "grace_epochs"), "scheduler.grace_epochs",
          "must be below the sweep's epochs (at most " + most + "): at " + s.graceEpochs() + " the scheduler stops no trial");
    }
    if (c.stateEvery() < 1) {
      int line = lines.lineOfKey("state_every");
      throw new ConfigException(file, line > 0 ? line : lines.lineOfKey("scheduler"), "state_every",
          "must be >= 1 with a scheduler: a promoted trial continues from its saved training state");
    }
  }

  /** The line of {@code scheduler.key} (block style), else of {@code scheduler} (flow style). */
  private static int schedulerLine(ConfigLines lines, String key) {
    int line = lines.lineOfKey(key);
    return line > 0 ? line : lines.lineOfKey("scheduler");
  }

  private static void requireNonEmpty(List<?> values, String key, ConfigLines lines) {
    if (values == null || values.isEmpty()) {
      throw new ConfigException(lines.file(), lines.lineOfKey(key), key, "empty: give at least one value");
    }
  }

  /** The line is the first in the overrides that names the value: the selector's, in a config written by hand. */
  private static void checkSelector(String value, List<String> allowed, String key, ConfigLines lines) {
    if (value != null && !allowed.contains(value)) {
      int line = lines.lineOfValue("overrides", value);
      throw new ConfigException(lines.file(), line == lines.lineOfKey("overrides") ? -1 : line, key,
          "'" + value + "' is not one of " + allowed);
    }
  }

  private static void checkGrid(
      Map<String, GridAxis> grid, String key, HyperparameterCatalog catalog, String file, boolean override) {
    grid.forEach(
        (name, axis) -> {
          if (axis.notApplicable()) {
            if (!override) {
              throw new ConfigException(file, -1, key + "." + name, "empty grid: give at least one value");
            }
            return;
          }
          HyperparameterType type = catalog.typeOf(name);
          if (type == null) {
            throw new ConfigException(
                file, axis.line(), key + "." + name,
                "unknown hyperparameter (declare it under hyperparameter_types, or use one of " + catalog.names() + ")");
          }
          for (JsonNode value : axis.values()) {
            if (type.canonical(value) == null) {
              throw new ConfigException(
                  file, axis.line(), key + "." + name, "expected " + type.describe() + ", got '" + value.asText() + "'");
            }
            String outOfRange = catalog.rangeProblem(name, value);
            if (outOfRange != null) {
              throw new ConfigException(file, axis.line(), key + "." + name, outOfRange);
            }
          }
        });
  }
}
