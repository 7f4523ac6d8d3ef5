package ptune.faults;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ptune.command.ExitCode;
import ptune.testing.CommandLine;

/**
 * Damage to what a sweep has written, done to real files between real runs of {@code ptune sweep}
 * and {@code ptune aggregate} (Spark local, the deterministic runner): a truncated part (with and
 * without its Hadoop {@code .crc}) is reported by name and its trial run again; the tables are
 * never rebuilt from partial input; an unwritable output stops the sweep with one message, no
 * retries and no checkpoint directories left in /tmp. Every result recorded before the fault is
 * still there afterwards.
 */
class StoreFaultsTest {

  @TempDir Path tmp;

  private Path sweepDir(String name) {
    return tmp.resolve("runs").resolve(name);
  }

  /** Runs the 6-trial sweep once; all complete. */
  private Path firstRun(String name) throws IOException {
    Path config = FaultSweeps.config(tmp, name, "[1]", "");
    CommandLine first = CommandLine.run(FaultSweeps.args("sweep", config, tmp.resolve("runs")));
    assertEquals(ExitCode.OK, first.exitCode(), first.err());
    assertEquals(6, FaultSweeps.parts(sweepDir(name)).size());
    return config;
  }

  private static void truncate(Path part) throws IOException {
    try (RandomAccessFile file = new RandomAccessFile(part.toFile(), "rw")) {
      file.setLength(file.length() / 2);
    }
  }

  private void assertDamagedPartIsRedone(String name, boolean removeCrc) throws IOException {
    Path config = firstRun(name);
    Map<String, String> rowsBefore = FaultSweeps.csvRows(sweepDir(name));
    Path victim = FaultSweeps.parts(sweepDir(name)).get(2);
    String victimId = victim.getFileName().toString().replace(".json", "");
    truncate(victim);
    Path crc = victim.resolveSibling("." + victim.getFileName() + ".crc");
    assertTrue(Files.exists(crc), "the local filesystem keeps a checksum sidecar");
    if (removeCrc) {
      Files.delete(crc);
    }

    CommandLine rerun = CommandLine.run(FaultSweeps.args("sweep", config, tmp.resolve("runs")));
    assertEquals(ExitCode.OK, rerun.exitCode(), rerun.err());
    assertTrue(rerun.out().contains("damaged result file:" + victim), "named: " + rerun.out());
    assertTrue(rerun.out().contains("5 already done, 1 to run"), rerun.out());

    Map<String, Long> runs = FaultSweeps.invocations(tmp);
    assertEquals(2L, runs.get(victimId), "the damaged trial ran again");
    runs.forEach((id, n) -> assertEquals(id.equals(victimId) ? 2L : 1L, n, id));
    Map<String, String> rowsAfter = FaultSweeps.csvRows(sweepDir(name));
    assertEquals(rowsBefore.keySet(), rowsAfter.keySet(), "one row per trial, none empty");
    rowsBefore.forEach((id, row) -> {
      if (!id.equals(victimId)) {
        assertEquals(row, rowsAfter.get(id), "the results recorded before are unchanged");
      }
    });
    assertTrue(rowsAfter.get(victimId).contains(",COMPLETED,"), rowsAfter.get(victimId));
    File[] kept = sweepDir(name).resolve("trials/damaged").toFile().listFiles((d, n) -> n.startsWith(victimId + ".json."));
    assertEquals(1, kept.length, "the damaged bytes are kept aside");
  }

  @Test
  void aTruncatedPartWithItsChecksumIsReportedAndItsTrialRedone() throws IOException {
    assertDamagedPartIsRedone("crc-kept", false);
  }

  @Test
  void aTruncatedPartWithoutItsChecksumIsReportedAndItsTrialRedone() throws IOException {
    assertDamagedPartIsRedone("crc-gone", true);
  }

  @Test
  void aggregateNeverRebuildsTheTablesFromPartialInput() throws IOException {
    Path config = firstRun("aggregate-damaged");
    Path csv = sweepDir("aggregate-damaged").resolve("trials/trials.csv");
    Path parquet = sweepDir("aggregate-damaged").resolve("trials/trials.parquet");
    byte[] csvBefore = Files.readAllBytes(csv);
    byte[] parquetBefore = Files.readAllBytes(parquet);
    Path victim = FaultSweeps.parts(sweepDir("aggregate-damaged")).get(0);
    Files.writeString(victim, "{\"trial_id\": \"" + victim.getFileName().toString().replace(".json", "") + "\", \"sta");
    Files.deleteIfExists(victim.resolveSibling("." + victim.getFileName() + ".crc"));

    CommandLine aggregate = CommandLine.run(FaultSweeps.args("aggregate", config, tmp.resolve("runs")));
    assertEquals(ExitCode.TRIALS_LOST, aggregate.exitCode(), aggregate.err());
    assertTrue(aggregate.error().startsWith("error: damaged result part(s), not consolidated: file:" + victim
        + ": not a whole JSON row"), aggregate.err());
    assertArrayEquals(csvBefore, Files.readAllBytes(csv), "trials.csv untouched");
    assertArrayEquals(parquetBefore, Files.readAllBytes(parquet), "trials.parquet untouched");
  }

  @Test
  void anUnwritableOutputStopsTheSweepOnceWithoutRetriesOrLeaks() throws IOException {
    firstRun("unwritable");
    Path sweep = sweepDir("unwritable");
    Map<String, String> rowsBefore = FaultSweeps.csvRows(sweep);
    List<Path> partsBefore = FaultSweeps.parts(sweep);
    // A file where the checkpoints directory belongs: every new trial's checkpoint copy fails,
    // deterministically, as on a read-only or full filesystem (root ignores file permissions).
    Path checkpoints = sweep.resolve("checkpoints");
    Files.move(checkpoints, sweep.resolve("checkpoints-moved"));
    Files.writeString(checkpoints, "in the way");
    Path config = FaultSweeps.config(tmp, "unwritable", "[1, 2]", "");

    CommandLine result = CommandLine.run(FaultSweeps.args("sweep", config, tmp.resolve("runs")));
    assertEquals(ExitCode.CANNOT_WRITE, result.exitCode(), result.err());
    List<String> errors = result.err().lines().filter(l -> l.startsWith("error: ")).toList();
    assertEquals(1, errors.size(), "said once: " + errors);
    assertTrue(errors.get(0).startsWith("error: cannot copy the checkpoint of trial "), errors.get(0));
    assertFalse(result.out().contains("re-submitting"), "not treated as a lost executor: " + result.out());

    Map<String, Long> runs = FaultSweeps.invocations(tmp);
    Set<String> newTrials = runs.keySet().stream().filter(id -> runs.get(id) == 1 && !isPart(partsBefore, id))
        .collect(Collectors.toSet());
    assertFalse(newTrials.isEmpty(), "a new trial ran");
    runs.forEach((id, n) -> assertEquals(1L, n, "trained once, not retried: " + id));
    String[] leaked = new File(System.getProperty("java.io.tmpdir")).list((d, n) ->
        newTrials.stream().anyMatch(id -> n.startsWith("ptune-checkpoint-" + id + "-")));
    assertEquals(List.of(), Arrays.asList(leaked), "no checkpoint directory left behind");

    assertEquals(partsBefore, FaultSweeps.parts(sweep), "the results recorded before are all there");
    assertEquals(rowsBefore, FaultSweeps.csvRows(sweep), "trials.csv unchanged");
  }

  private static boolean isPart(List<Path> parts, String id) {
    return parts.stream().anyMatch(p -> p.getFileName().toString().equals(id + ".json"));
  }
}
