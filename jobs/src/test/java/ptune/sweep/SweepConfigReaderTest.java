package ptune.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class SweepConfigReaderTest {

  private static final String VALID = """
      name: t
      backbones: [b]
      methods: [ft, pt2]
      tasks: [cb]
      seeds: [1]
      grid:
        lr: [1.0e-2, 5.0e-3]
        prefix_len: 8
      """;

  private static SweepConfig parse(String yaml) throws IOException {
    return SweepConfigReader.parse(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "conf/x.yaml");
  }

  private static String error(String yaml) {
    return assertThrows(ConfigException.class, () -> parse(yaml)).getMessage();
  }

  @Test
  void readsAFilesystemUriAndNamesAMissingOne(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("sweep.yaml"), VALID);
    assertEquals("t", SweepConfigReader.read(file.toUri().toString()).name());
    String missing = dir.resolve("nope.yaml").toUri().toString();
    String message = assertThrows(ConfigException.class, () -> SweepConfigReader.read(missing)).getMessage();
    assertTrue(message.startsWith(missing + ": cannot read"), message);
  }

  @Test
  void defaultsAreFilledIn() throws IOException {
    SweepConfig c = parse(VALID);
    assertEquals(SweepConfig.DEFAULT_RUNNER, c.runner());
    assertEquals(2, c.retryRounds());
  }

  @Test
  void theRegressionRuleHasDefaultsAndRejectsAnAlphaOutsideZeroToOne() throws IOException {
    ptune.tables.RegressionRule rule = ptune.tables.RegressionRule.of(parse(VALID));
    assertEquals(1.0, rule.scorePoints());
    assertEquals(0.05, rule.alpha());
    assertEquals(10, rule.throughputPercent());
    rule = ptune.tables.RegressionRule.of(parse(VALID + "regression_alpha: 0.01\nthroughput_regression_percent: 5\n"));
    assertEquals(0.01, rule.alpha());
    assertEquals(5, rule.throughputPercent());
    String message = error(VALID + "regression_alpha: 5\n");
    assertTrue(message.contains("regression_alpha") && message.contains("between 0 and 1"), message);
  }

  @Test
  void unknownTopLevelKeyNamesKeyFileAndLine() {
    String message = error(VALID + "sedes: [2]\n");
    assertTrue(message.startsWith("conf/x.yaml:9: sedes: unknown key"), message);
  }

  @Test
  void unknownKeyInsideAnOverride() {
    String message = error(VALID + "overrides:\n  - task: cb\n    gird: {lr: 1}\n");
    assertTrue(message.startsWith("conf/x.yaml:11: overrides[0].gird: unknown key"), message);
  }

  @Test
  void unknownHyperparameterNamesKeyAndLine() {
    String message = error(VALID + "  lerning_rate: 1\n");
    assertTrue(message.startsWith("conf/x.yaml:9: grid.lerning_rate: unknown hyperparameter"), message);
  }

  @Test
  void wrongTypeOfHyperparameter() {
    String message = error(VALID.replace("prefix_len: 8", "prefix_len: [8, eight]"));
    assertTrue(message.startsWith("conf/x.yaml:8: grid.prefix_len: expected an integer, got 'eight'"), message);
  }

  @Test
  void wrongTypeOfTopLevelValue() {
    String message = error(VALID + "retry_rounds: many\n");
    assertTrue(message.startsWith("conf/x.yaml:9: retry_rounds:"), message);
    String seeds = error(VALID.replace("seeds: [1]", "seeds: [one]"));
    assertTrue(seeds.startsWith("conf/x.yaml:5: seeds[0]:"), seeds);
  }

  @Test
  void stateCadenceAndTrialTimeoutAreCheckedAndDefaulted() throws Exception {
    SweepConfig defaults = parse(VALID);
    assertEquals(1, defaults.stateEvery());
    assertNull(defaults.trialTimeout());
    SweepConfig set = parse(VALID + "state_every: 0\ntrial_timeout: 90.5\n");
    assertEquals(0, set.stateEvery());
    assertEquals(90.5, set.trialTimeout());
    String every = error(VALID + "state_every: -1\n");
    assertTrue(every.startsWith("conf/x.yaml:9: state_every: must be >= 0"), every);
    String timeout = error(VALID + "trial_timeout: 0\n");
    assertTrue(timeout.startsWith("conf/x.yaml:9: trial_timeout: must be a positive number of seconds"), timeout);
  }

  @Test
  void emptyGridAxisIsAnError() {
    String message = error(VALID.replace("prefix_len: 8", "prefix_len: []"));
    assertTrue(message.startsWith("conf/x.yaml:8: grid.prefix_len: empty grid"), message);
  }

  @Test
  void emptyListsAndMissingNameAreErrors() {
    assertTrue(error(VALID.replace("tasks: [cb]", "tasks: []")).contains("tasks: empty"));
    assertTrue(error(VALID.replace("name: t", "")).contains("name: missing"));
  }

  @Test
  void overrideMustSelectAKnownTask() {
    String message = error(VALID + "overrides:\n  - task: rtee\n    grid: {lr: 1.0}\n");
    assertEquals("conf/x.yaml:10: overrides[0].task: 'rtee' is not one of [cb]", message);
  }

  @Test
  void declaredHyperparametersAreAccepted() throws IOException {
    SweepConfig c = parse(VALID + "  sleep_ms: 5\nhyperparameter_types: {sleep_ms: int}\n");
    assertEquals(HyperparameterType.INT, c.catalog().typeOf("sleep_ms"));
    assertTrue(error(VALID + "hyperparameter_types: {status: string}\n").contains("reserved"));
  }

  @Test
  void everyShippedConfigIsValid() throws IOException {
    Path conf = Path.of(System.getProperty("ptune.repo.root", ".."), "conf");
    try (Stream<Path> files = Files.list(conf)) {
      files.filter(f -> f.toString().endsWith(".yaml")).forEach(f -> {
        SweepConfig c = SweepConfigReader.read(f.toString());
        assertTrue(GridExpander.expand(c).size() > 0, f.toString());
      });
    }
    assertEquals("quickstart", SweepConfigReader.read(null).name());
  }

  @Test
  void declaredTasksAreParsedAndTheirErrorsNameFileLineAndKey() throws IOException {
    String claims = """
        task_definitions:
          claims:
            kind: classification
            format: jsonl
            fields:
              text_a: claim
              label: verdict
            files: {train: c/train.jsonl, dev: c/dev.jsonl}
            metric: macro_f1
        """;
    SweepConfig config = parse(VALID.replace("tasks: [cb]", "tasks: [cb, claims]") + claims);
    assertEquals("verdict", ((ptune.tasks.TaskFormat.JsonLines) config.declaredTasks().get("claims").format()).label());
    assertEquals(ptune.tasks.TaskDefinitionParser.parse("claims", config.taskDefinitions().get("claims")),
        GridExpander.expand(config).stream().filter(t -> t.task().equals("claims")).findFirst().orElseThrow()
            .taskDefinition());
    assertNull(GridExpander.expand(config).get(0).taskDefinition()); // cb: built-in

    // Each key at its own line (block style), the line of its map when written in flow style.
    String metric = error(VALID + claims.replace("metric: macro_f1", "metric: bleu"));
    assertTrue(metric.startsWith("conf/x.yaml:17: task_definitions.claims.metric: 'bleu' is not a metric of"
        + " classification tasks (accuracy, macro_f1, mcc, f1)"), metric);
    String field = error(VALID + claims.replace("label: verdict", "lable: verdict"));
    assertTrue(field.startsWith("conf/x.yaml:15: task_definitions.claims.fields.lable: unknown"), field);
    String split = error(VALID + claims.replace("dev: c/dev.jsonl", "valid: c/dev.jsonl"));
    assertTrue(split.startsWith("conf/x.yaml:16: task_definitions.claims.files.valid: not a split"), split);
    String builtin = error(VALID + claims.replace("  claims:", "  rte:"));
    assertTrue(builtin.startsWith("conf/x.yaml:10: task_definitions.rte: 'rte' is a built-in task"), builtin);
  }

  @Test
  void schedulerDefaultsAndItsErrorsNameFileLineAndKey() throws IOException {
    SweepConfig.SchedulerConfig s = parse(VALID + "scheduler: {type: asha, grace_epochs: 2}\n").scheduler();
    assertEquals(new SweepConfig.SchedulerConfig("asha", 2, 3, "dev"), s);
    assertNull(parse(VALID).scheduler());

    String type = error(VALID + "scheduler: {type: hyperband, grace_epochs: 2}\n");
    assertTrue(type.startsWith("conf/x.yaml:9: scheduler.type: 'hyperband' is not a scheduler"), type);
    String grace = error(VALID + "scheduler:\n  type: asha\n  grace_epochs: 0\n");
    assertTrue(grace.startsWith("conf/x.yaml:11: scheduler.grace_epochs: must be >= 1"), grace);
    String missing = error(VALID + "scheduler: {type: asha}\n");
    assertTrue(missing.startsWith("conf/x.yaml:9: scheduler.grace_epochs: missing"), missing);
    String eta = error(VALID + "scheduler:\n  type: asha\n  grace_epochs: 1\n  reduction_factor: 1\n");
    assertTrue(eta.startsWith("conf/x.yaml:12: scheduler.reduction_factor: must be >= 2"), eta);
    String metric = error(VALID + "scheduler:\n  type: asha\n  grace_epochs: 1\n  metric: test\n");
    assertTrue(metric.startsWith("conf/x.yaml:12: scheduler.metric: 'test' is not dev or held_out"), metric);
    String heldOut = error(VALID + "scheduler: {type: asha, grace_epochs: 1, metric: held_out}\n");
    assertTrue(heldOut.startsWith("conf/x.yaml:9: scheduler.metric: held_out ranks trials by their held-out score"), heldOut);
    assertEquals("held_out", parse(VALID + "  held_out_fraction: 0.2\nscheduler: {type: asha, grace_epochs: 1, metric: held_out}\n")
        .scheduler().metric());
    String noStop = error(VALID + "scheduler: {type: asha, grace_epochs: 10}\n");
    assertTrue(noStop.startsWith("conf/x.yaml:9: scheduler.grace_epochs: must be below the sweep's epochs (at most 10)"), noStop);
    assertEquals(10, parse(VALID + "  epochs: [4, 20]\nscheduler: {type: asha, grace_epochs: 10}\n").scheduler().graceEpochs());
    String state = error(VALID + "state_every: 0\nscheduler: {type: asha, grace_epochs: 1}\n");
    assertTrue(state.startsWith("conf/x.yaml:9: state_every: must be >= 1 with a scheduler"), state);
    String unknown = error(VALID + "scheduler:\n  type: asha\n  grace_epoch: 1\n");
    assertTrue(unknown.startsWith("conf/x.yaml:11: scheduler.grace_epoch: unknown key"), unknown);
  }
}
