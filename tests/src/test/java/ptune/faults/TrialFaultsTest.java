package ptune.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ptune.command.ExitCode;
import ptune.dataset.DataDirectory;
import ptune.testing.CommandLine;

/**
 * Trials that fail (a cause outside the config, here a file the deterministic runner fails on while
 * it exists) through {@code ptune sweep} and {@code ptune run}: the exit code says so, the summary
 * says how many and where their errors are, and once the cause is fixed a plain rerun retries
 * exactly the failed trials. Diverged trials are results: they keep the exit code 0.
 */
class TrialFaultsTest {

  @TempDir Path tmp;

  @Test
  void failedTrialsSetTheExitCodeAndARerunRetriesThemOnceFixed() throws IOException {
    Path cause = Files.writeString(tmp.resolve("broken"), "");
    Path config = FaultSweeps.config(tmp, "retry", "[1]", "  fail_while_exists: \"" + cause + "\"\n");
    Path out = tmp.resolve("runs");

    CommandLine first = CommandLine.run(FaultSweeps.args("run", config, out));
    assertEquals(ExitCode.TRIALS_FAILED, first.exitCode(), first.err());
    assertTrue(first.out().contains("(6 failed, 0 diverged), 0 lost"), first.out());
    assertTrue(first.out().contains("6 trial(s) failed"), first.out());
    assertTrue(first.out().contains("error column of file:" + out.resolve("retry/trials/trials.csv")), first.out());
    assertTrue(Files.exists(out.resolve("retry/tables/results.csv")), "the tables are still written");
    Map<String, String> rows = FaultSweeps.csvRows(out.resolve("retry"));
    rows.values().forEach(row -> assertTrue(row.contains("scripted failure while " + cause + " exists"), row));

    Files.delete(cause);
    CommandLine fixed = CommandLine.run(FaultSweeps.args("sweep", config, out));
    assertEquals(ExitCode.OK, fixed.exitCode(), fixed.err());
    assertTrue(fixed.out().contains("0 already done, 6 to run (6 failed before: retried)"), fixed.out());
    FaultSweeps.csvRows(out.resolve("retry")).values().forEach(row -> assertTrue(row.contains(",COMPLETED,"), row));

    CommandLine again = CommandLine.run(FaultSweeps.args("sweep", config, out));
    assertEquals(ExitCode.OK, again.exitCode(), again.err());
    assertTrue(again.out().contains("6 already done, 0 to run"), again.out());
    FaultSweeps.invocations(tmp).forEach((id, n) -> assertEquals(2L, n, "failed once, retried once: " + id));
  }

  @Test
  void resultsKeptFromOtherDataAreSaidToBe() throws IOException {
    Path config = FaultSweeps.config(tmp, "provenance", "[1]", "");
    Path out = tmp.resolve("runs");
    assertEquals(ExitCode.OK, CommandLine.run(FaultSweeps.args("sweep", config, out)).exitCode());
    Path other = Files.createDirectories(tmp.resolve("other-data"));
    CommandLine rerun = CommandLine.run(FaultSweeps.args("sweep", config, out, "--data", other.toString()));
    assertEquals(ExitCode.OK, rerun.exitCode(), rerun.err());
    assertTrue(rerun.out().contains("6 trials already done ran with runner ptune.testing.DeterministicTrialRunner, data_dir "
        + DataDirectory.resolve() + ", not runner ptune.testing.DeterministicTrialRunner, data_dir "
        + other + " (kept; --force redoes them)"), rerun.out());
  }

  @Test
  void divergedTrialsAreResultsNotFailures() throws IOException {
    Path config = FaultSweeps.config(tmp, "diverge", "[1]", "  outcome: diverge\n");
    Files.writeString(config, Files.readString(config)
        .replace("hyperparameter_types: {", "hyperparameter_types: {outcome: string, "));
    CommandLine result = CommandLine.run(FaultSweeps.args("sweep", config, tmp.resolve("runs")));
    assertEquals(ExitCode.OK, result.exitCode(), result.err());
    assertTrue(result.out().contains("(0 failed, 6 diverged)"), result.out());
  }
}
