package ptune.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ptune.command.ExitCode;
import ptune.dataset.DataDirectory;
import ptune.testing.CommandLine;

/**
 * Data faults on a copy of SuperGLUE CB that each test damages itself, through {@code ptune sweep},
 * {@code ptune preprocess} and {@code ptune data-stats} with the real runner and MiniLM. The trials
 * here fail while reading their data, so nothing trains.
 */
class DataFaultsTest {

  @TempDir Path tmp;

  private static final String BAD_LABEL = "\"label\": \"maybe\"";

  private Path data() throws IOException {
    Path shared = DataDirectory.resolve().resolve("superglue/CB");
    Path cb = Files.createDirectories(tmp.resolve("data/superglue/CB"));
    Files.write(cb.resolve("train.jsonl"), Files.readAllLines(shared.resolve("train.jsonl")).subList(0, 24));
    Files.write(cb.resolve("val.jsonl"), Files.readAllLines(shared.resolve("val.jsonl")).subList(0, 12));
    return tmp.resolve("data");
  }

  /** Replaces the label of line {@code line} (1-based) of CB's train file with one CB does not have. */
  private static void breakLabel(Path data, int line) throws IOException {
    Path train = data.resolve("superglue/CB/train.jsonl");
    List<String> lines = new ArrayList<>(Files.readAllLines(train));
    lines.set(line - 1, lines.get(line - 1).replaceFirst("\"label\": \"[a-z]+\"", BAD_LABEL));
    Files.write(train, lines);
  }

  private Path config(Path data, String extraGrid, String extra) throws IOException {
    return Files.writeString(tmp.resolve("x.yaml"), """
        name: data-faults
        data_dir: %s
        backbones: [minilm-l6]
        methods: [pt2]
        tasks: [cb]
        seeds: [11]
        grid:
          epochs: 1
          batch_size: 8
          max_len: 32
          max_train_examples: 8
          max_dev_examples: 8
          prefix_len: 4
        %s
        retry_rounds: 0
        spark: {spark.ui.enabled: "false"}
        %s
        """.formatted(data, extraGrid, extra));
  }

  private String out() {
    return tmp.resolve("runs").toString();
  }

  private String trialsCsv() throws IOException {
    return Files.readString(tmp.resolve("runs/data-faults/trials/trials.csv"));
  }

  @Test
  void aMalformedRecordFailsItsTrialVisiblyAndTheExitCodeSaysSo() throws IOException {
    Path data = data();
    breakLabel(data, 3);
    CommandLine result = CommandLine.run("sweep", config(data, "", "").toString(), "--out", out());
    assertEquals(ExitCode.TRIALS_FAILED, result.exitCode(), result.err());
    assertTrue(result.out().contains("(1 failed, 0 diverged)"), result.out());
    assertTrue(result.out().contains("error column of file:" + tmp.resolve("runs/data-faults/trials/trials.csv")),
        result.out());
    assertTrue(trialsCsv().contains(data.resolve("superglue/CB/train.jsonl") + ", line 3, field 'label': unknown label 'maybe'"),
        trialsCsv());

    CommandLine again = CommandLine.run("sweep", config(data, "", "").toString(), "--out", out());
    assertEquals(ExitCode.TRIALS_FAILED, again.exitCode(), again.err());
    assertTrue(again.out().contains("0 already done, 1 to run (1 failed before: retried)"), again.out());
  }

  @Test
  void aTrainFileOfOnlyBadRecordsHasNoUsableRecordsEvenWhenSkipping() throws IOException {
    Path data = data();
    Path train = data.resolve("superglue/CB/train.jsonl");
    Files.write(train, List.of("{\"premise\": \"a\", \"hypothesis\": \"b\", " + BAD_LABEL + ", \"idx\": 0}", "not json"));
    CommandLine result = CommandLine.run("sweep", config(data, "  skip_bad_records: true", "").toString(), "--out", out());
    assertEquals(ExitCode.TRIALS_FAILED, result.exitCode(), result.err());
    String csv = trialsCsv();
    assertTrue(csv.contains("[" + train + "]: no usable records (task cb, train split; all 2 skipped as bad, the first: "
        + train + ", line 1, field 'label'"), csv);
    assertFalse(csv.contains("IndexOutOfBoundsException"), csv);
  }

  @Test
  void preprocessReportsABadRecordWithTheReadersMessageNotATrace() throws IOException {
    Path data = data();
    breakLabel(data, 5);
    Path config = config(data, "", "preprocess: {encoder: ptune.preprocess.BackboneFeatureEncoder}");
    CommandLine result = CommandLine.run("preprocess", config.toString(), "--out", out());
    assertEquals(ExitCode.USAGE, result.exitCode(), result.err());
    assertTrue(result.error().startsWith("error: file:" + data.resolve("superglue/CB/train.jsonl")
        + ", line 5, field 'label': unknown label 'maybe'"), result.err());
    assertFalse(result.err().contains("\tat "), "no stack trace:\n" + result.err());
    assertFalse(Files.exists(tmp.resolve("runs/data-faults/features/cb/minilm-l6-len32/_FINGERPRINT")),
        "no feature set was published");
  }

  @Test
  void preprocessHonoursSkipBadRecords() throws IOException {
    Path data = data();
    breakLabel(data, 5);
    Path config = config(data, "  skip_bad_records: true", "preprocess: {encoder: ptune.preprocess.BackboneFeatureEncoder}");
    CommandLine result = CommandLine.run("preprocess", config.toString(), "--out", out());
    assertEquals(ExitCode.OK, result.exitCode(), result.err());
    assertTrue(result.out().contains("skipped 1 bad records (skip_bad_records), e.g. [file:"
        + data.resolve("superglue/CB/train.jsonl") + ", line 5, field 'label'"), result.out());
    assertTrue(result.out().contains("35 examples"), "23 train + 12 dev: " + result.out());
  }

  @Test
  void dataStatsOnAMissingDataDirectoryIsAnError() {
    CommandLine result = CommandLine.run("data-stats", "cb", "--data-dir", tmp.resolve("nowhere").toString());
    assertEquals(ExitCode.USAGE, result.exitCode(), result.err());
    assertTrue(result.error().startsWith("error: data dir " + tmp.resolve("nowhere") + " does not exist"), result.err());
  }
}
