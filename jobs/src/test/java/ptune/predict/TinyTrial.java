package ptune.predict;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import ptune.cli.Ptune;
import ptune.trial.PromptTuningTrialRunner;
import ptune.trial.TrialEnvironment;
import ptune.trial.TrialListener;
import ptune.trial.TrialResult;
import ptune.trial.TrialSpec;
import ptune.trial.TrialStatus;

/**
 * One real, tiny CB trial (minilm-l6, pt2, 32 train and 24 dev examples, one epoch of 8 steps, no dropout),
 * trained once per test JVM, and its prompt checkpoint; the data dir it trained on holds the CB
 * files cut to those sizes, so its dev file is exactly what the trial scored.
 */
final class TinyTrial {
  private static TinyTrial trained;

  final Path dataDir;
  final TrialResult result;
  final Path checkpoint;

  private TinyTrial(Path dataDir, TrialResult result) {
    this.dataDir = dataDir;
    this.result = result;
    this.checkpoint = Path.of(result.checkpointPath());
  }

  static synchronized TinyTrial get() throws Exception {
    if (trained == null) {
      Path root = Files.createTempDirectory("ptune-tiny-trial");
      Path data = root.resolve("data");
      copyHead("superglue/CB/train.jsonl", data, 32);
      copyHead("superglue/CB/val.jsonl", data, 24);
      copyHead("superglue/RTE/val.jsonl", data, 24);
      TrialSpec spec = TrialSpec.of("test", "minilm-l6", "pt2", "cb", 5, Map.of(
          "epochs", 1, "batch_size", 4, "max_len", 64, "prefix_len", 4, "lr", 0.03,
          "dropout", 0, "max_train_examples", 32, "max_dev_examples", 24));
      TrialResult result = new PromptTuningTrialRunner().run(spec,
          new TrialEnvironment("cpu", data, root.resolve("checkpoint"), TrialListener.NONE));
      if (result.status() != TrialStatus.COMPLETED || result.checkpointPath() == null) {
        throw new IllegalStateException("the tiny trial did not complete: " + result.error());
      }
      trained = new TinyTrial(data, result);
    }
    return trained;
  }

  Path file(String relative) {
    return dataDir.resolve(relative);
  }

  private static void copyHead(String relative, Path data, int lines) throws Exception {
    Path source = Path.of(System.getenv().getOrDefault("PTUNE_DATA_DIR", "/work/shared/datasets"))
        .resolve(relative);
    Path target = data.resolve(relative);
    Files.createDirectories(target.getParent());
    List<String> all = Files.readAllLines(source);
    Files.write(target, all.subList(0, lines));
  }

  /** {@code ptune <args>} in-process: exit code and standard error. */
  record Run(int exitCode, String out, String err) {}

  static synchronized Run ptune(String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      System.setOut(o);
      System.setErr(e);
      int code = Ptune.run(args);
      return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
      System.out.print(out.toString(StandardCharsets.UTF_8));
      System.err.print(err.toString(StandardCharsets.UTF_8));
    }
  }
}
