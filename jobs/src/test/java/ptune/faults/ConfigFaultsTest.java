package ptune.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ptune.command.ExitCode;
import ptune.testing.CommandLine;

/**
 * Config faults a hostile but fair user makes, on a small SuperGLUE sweep: each one stops
 * {@code ptune sweep} and {@code ptune run} before any Spark session, preprocessing or trial, with
 * exit code 2 and the config file, line and key. No training happens here.
 */
class ConfigFaultsTest {

  /** A small sweep (MiniLM-L6 on CB); line numbers below refer to this text. */
  static final String BASE = """
      name: faults
      data_dir: %s
      backbones: [minilm-l6]
      methods: [pt, pt2]
      tasks: [cb]
      seeds: [11]
      grid:
        epochs: 1
        batch_size: 16
        max_len: 96
        lr: 1.0e-2
        prefix_len: 8
      overrides:
        - method: pt2
          grid: {prefix_len: [4, 16]}
      """;

  @TempDir Path tmp;

  private String base() {
    return BASE.formatted(Path.of(System.getenv().getOrDefault("PTUNE_DATA_DIR", "../../shared/datasets"))
        .toAbsolutePath());
  }

  private CommandLine sweep(String yaml, String... extra) throws IOException {
    Path config = Files.writeString(tmp.resolve("x.yaml"), yaml);
    String[] args = new String[3 + extra.length + 2];
    args[0] = "sweep";
    args[1] = config.toString();
    args[2] = "--out";
    args[3] = tmp.resolve("runs").toString();
    System.arraycopy(extra, 0, args, 4, extra.length);
    args[args.length - 1] = "--force";
    return CommandLine.run(java.util.Arrays.copyOf(args, args.length));
  }

  private void assertRejected(CommandLine result, String expectedStart) {
    assertEquals(ExitCode.USAGE, result.exitCode(), result.err());
    String prefix = "error: " + tmp.resolve("x.yaml");
    assertTrue(result.error().startsWith(prefix + expectedStart), "expected '" + expectedStart + "' in: " + result.err());
    assertFalse(result.out().contains("trials to run") || result.out().contains("to run ->"), "no trial was scheduled");
    assertFalse(Files.exists(tmp.resolve("runs/faults/trials")), "nothing was written");
  }

  @Test
  void unknownTaskNamesTheTasksLine() throws IOException {
    assertRejected(sweep(base().replace("tasks: [cb]", "tasks: [cb, cbb]")), ":5: tasks: unknown task 'cbb'");
  }

  @Test
  void unknownMethodNamesTheMethodsLine() throws IOException {
    assertRejected(sweep(base().replace("methods: [pt, pt2]", "methods: [pt2, pt3]")), ":4: methods: unknown method 'pt3'");
  }

  @Test
  void unknownBackboneNamesTheBackbonesLine() throws IOException {
    assertRejected(sweep(base().replace("backbones: [minilm-l6]", "backbones: [minilm-l7]")),
        ":3: backbones: cannot load backbone 'minilm-l7'");
  }

  @Test
  void negativeLearningRate() throws IOException {
    assertRejected(sweep(base().replace("lr: 1.0e-2", "lr: -1.0e-2")), ":11: grid.lr: must be > 0, got -0.01");
  }

  @Test
  void zeroBatchSizeAndZeroEpochs() throws IOException {
    assertRejected(sweep(base().replace("batch_size: 16", "batch_size: 0")), ":9: grid.batch_size: must be >= 1, got 0");
    assertRejected(sweep(base().replace("epochs: 1", "epochs: 0")), ":8: grid.epochs: must be >= 1, got 0");
  }

  @Test
  void pt2WithoutAPromptIsAnotherMethodAndAnError() throws IOException {
    CommandLine result = sweep(base().replace("prefix_len: [4, 16]", "prefix_len: [0, 16]"));
    assertRejected(result, ":15: overrides[0].grid.prefix_len: must be >= 1 for method pt2");
    assertTrue(result.error().contains("trials of pt2 on cb with minilm-l6"), result.error());
  }

  @Test
  void inputPlusPromptBeyondThePositionTable() throws IOException {
    CommandLine result = sweep(base().replace("max_len: 96", "max_len: 500"));
    assertRejected(result, ":10: grid.max_len: max_len 500 + prefix_len 16 = 516 exceeds the 512 positions of backbone minilm-l6");
  }

  @Test
  void qaWindowsWithoutRoomForContextBeyondTheStride() throws IOException {
    CommandLine result = sweep(base().replace("tasks: [cb]", "tasks: [squad-devsplit]")
        .replace("max_len: 96", "max_len: 96\n  doc_stride: 128"));
    assertRejected(result, ":11: grid.doc_stride: doc_stride 128 leaves no context in windows of max_len 96");
  }

  @Test
  void anUnknownPrecision() throws IOException {
    CommandLine result = sweep(base().replace("max_len: 96", "max_len: 96\n  precision: fp8"));
    assertRejected(result, ":11: grid.precision: precision must be fp32 or bf16, got 'fp8'");
  }

  @Test
  void bf16ForAMethodThatTrainsTheBackbone() throws IOException {
    CommandLine result = sweep(base().replace("methods: [pt, pt2]", "methods: [ft, pt2]")
        .replace("max_len: 96", "max_len: 96\n  precision: bf16"));
    assertRejected(result, ":11: grid.precision: bf16 multiplies a frozen backbone's weights; method ft trains the backbone");
  }

  @Test
  void aModelDirectoryIsCheckedFromItsConfigWithRobertasPositionOffset() throws IOException {
    Path model = Files.createDirectories(tmp.resolve("my-roberta"));
    Files.writeString(model.resolve("config.json"), """
        {"model_type": "roberta", "vocab_size": 50265, "hidden_size": 64, "num_hidden_layers": 2,
         "num_attention_heads": 2, "intermediate_size": 128, "max_position_embeddings": 113, "pad_token_id": 1}
        """);
    Files.writeString(model.resolve("model.safetensors"), "not read by the pre-flight check");
    String yaml = base().replace("backbones: [minilm-l6]", "backbones: [" + model + "]").replace("methods: [pt, pt2]", "methods: [pt2]");
    CommandLine result = sweep(yaml);
    // RoBERTa numbers positions from pad + 1 = 2: 111 of the 113 are left; pt2's 16 prompts shift the input past them.
    assertRejected(result, ":10: grid.max_len: max_len 96 + prefix_len 16 = 112 exceeds the 111 positions of backbone "
        + model + " (trials of pt2 on cb");
  }

  @Test
  void everyProblemIsListedAtOnce() throws IOException {
    CommandLine result = sweep(base().replace("tasks: [cb]", "tasks: [cb, cbb]").replace("max_len: 96", "max_len: 500"));
    assertEquals(ExitCode.USAGE, result.exitCode());
    assertTrue(result.err().contains(":5: tasks: unknown task 'cbb'"), result.err());
    assertTrue(result.err().contains(":10: grid.max_len: max_len 500"), result.err());
  }

  @Test
  void missingDataDirNamesTheKey() throws IOException {
    String yaml = base().replaceFirst("data_dir: .*", "data_dir: " + tmp.resolve("nowhere"));
    assertRejected(sweep(yaml), ":2: data_dir: " + tmp.resolve("nowhere") + " is not a directory");
  }

  @Test
  void missingDataDirOnTheCommandLineNamesTheOption() throws IOException {
    CommandLine result = sweep(base(), "--data", tmp.resolve("nowhere").toString());
    assertEquals(ExitCode.USAGE, result.exitCode());
    assertTrue(result.error().startsWith("error: --data " + tmp.resolve("nowhere") + ": "), result.err());
  }

  @Test
  void missingAndEmptyDataFilesAreFoundBeforeAnyTrial() throws IOException {
    Path data = tmp.resolve("data");
    Files.createDirectories(data.resolve("superglue/CB"));
    Files.writeString(data.resolve("superglue/CB/train.jsonl"), "");
    String yaml = base().replaceFirst("data_dir: .*", "data_dir: " + data);
    assertRejected(sweep(yaml), ":2: data_dir: " + data.resolve("superglue/CB/train.jsonl") + ": empty, no records");
    Files.delete(data.resolve("superglue/CB/train.jsonl"));
    assertRejected(sweep(yaml), ":2: data_dir: task cb, train split: missing data file "
        + data.resolve("superglue/CB/train.jsonl"));
  }

  @Test
  void unwritableOutputDirectory() throws IOException {
    Path config = Files.writeString(tmp.resolve("x.yaml"), base());
    // /proc takes no new directories, even for root (file permissions would not stop root).
    CommandLine result = CommandLine.run("sweep", config.toString(), "--out", "/proc/ptune-runs");
    assertEquals(ExitCode.USAGE, result.exitCode(), result.err());
    assertTrue(result.error().startsWith("error: --out: cannot write under file:/proc/ptune-runs/faults"), result.err());
  }

  @Test
  void aMisspeltRunnerOrEncoderClassNamesItsLine() throws IOException {
    assertRejected(sweep(base().replace("name: faults\n", "name: faults\nrunner: ptune.trial.PromptTunningTrialRunner\n")),
        ":2: runner: ptune.trial.PromptTunningTrialRunner cannot be created");
    assertRejected(sweep(base() + "preprocess: {encoder: ptune.preprocess.BackboneFeatureEncodr}\n"),
        ":16: preprocess.encoder: ptune.preprocess.BackboneFeatureEncodr cannot be created");
  }

  @Test
  void runChecksBeforePreprocessing() throws IOException {
    Path config = Files.writeString(tmp.resolve("x.yaml"),
        base().replace("lr: 1.0e-2", "lr: -1.0e-2") + "preprocess: {encoder: ptune.preprocess.BackboneFeatureEncoder}\n");
    CommandLine result = CommandLine.run("run", config.toString(), "--out", tmp.resolve("runs").toString());
    assertEquals(ExitCode.USAGE, result.exitCode(), result.err());
    assertTrue(result.error().contains("x.yaml:11: grid.lr: must be > 0"), result.err());
    assertFalse(Files.exists(tmp.resolve("runs/faults/features")), "nothing was preprocessed");
  }
}
