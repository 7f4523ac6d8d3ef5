package ptune.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ptune.results.SweepLayout;

/** Where runs live, which one is current, what a rerun keeps, and how a baseline is found. */
class RunHistoryTest {

  @TempDir Path tmp;

  private static Path local(String uri) {
    return Path.of(URI.create(uri));
  }

  @Test
  void theInitialRunLivesInTheSweepAndKeepsItsIdUntilARerun() {
    SweepLayout sweep = SweepLayout.of(tmp.toString(), "s");
    RunHistory history = new RunHistory(sweep);
    RunHistory.Run initial = history.current();
    assertFalse(initial.rerun());
    assertEquals(sweep, initial.layout());
    assertEquals(initial, history.current(), "the same run until a rerun starts");
    assertTrue(initial.id().matches("\\d{8}T\\d{6}\\.\\d{3}Z"), initial.id());
  }

  @Test
  void aRerunGetsItsOwnDirectoryWithTheSweepsFeaturesAndKeepsTheInitialTrials() throws IOException {
    SweepLayout sweep = SweepLayout.of(tmp.toString(), "s");
    RunHistory history = new RunHistory(sweep);
    RunHistory.Run initial = history.current();
    Files.createDirectories(local(sweep.trialParts()));
    Files.writeString(local(sweep.trialParts()).resolve("a.json"), "{\"initial\":true}\n");

    RunHistory.Run rerun = history.startRerun();
    assertTrue(rerun.rerun());
    assertTrue(rerun.id().compareTo(initial.id()) > 0, "ids sort by time: " + initial.id() + " < " + rerun.id());
    assertEquals(sweep.history() + "/" + rerun.id(), rerun.layout().root());
    assertEquals(sweep.features(), rerun.layout().features(), "all runs share the features");
    assertEquals(sweep.history(), rerun.layout().history());
    assertEquals(rerun.layout().root() + "/checkpoints", rerun.layout().checkpoints());
    assertEquals(rerun, history.current(), "a plain sweep now resumes the rerun");
    assertEquals("{\"initial\":true}\n",
        Files.readString(local(sweep.run(initial.id()).trialParts()).resolve("a.json")), "the initial run's trials kept");

    Files.createDirectories(local(rerun.layout().trialParts()));
    Files.writeString(local(rerun.layout().trialParts()).resolve("b.json"), "{\"rerun\":true}\n");
    history.showInSweep(rerun);
    assertEquals(List.of("b.json"), List.of(local(sweep.trialParts()).toFile().list((d, n) -> !n.startsWith("."))),
        "trials/ shows the latest run (Hadoop adds hidden .crc files)");

    RunHistory.Run again = history.startRerun();
    assertTrue(again.id().compareTo(rerun.id()) > 0);
    assertTrue(Files.exists(local(rerun.layout().trialParts()).resolve("b.json")), "earlier reruns stay as they were");
  }

  @Test
  void aRerunSkipsTheQuarantinedPartsWhoseChecksumsFailAndLeavesThemInPlace() throws IOException {
    SweepLayout sweep = SweepLayout.of(tmp.toString(), "s");
    RunHistory history = new RunHistory(sweep);
    RunHistory.Run initial = history.current();
    Files.createDirectories(local(sweep.trialParts()));
    Files.writeString(local(sweep.trialParts()).resolve("a.json"), "{\"initial\":true}\n");
    // A part moved to trials/damaged/ as the result store does: written through Hadoop (with its
    // .crc sidecar), then damaged, so that reading it fails the checksum.
    org.apache.hadoop.fs.Path damaged = new org.apache.hadoop.fs.Path(
        sweep.trials() + "/" + ptune.results.TrialResultStore.DAMAGED + "/b.json.1");
    org.apache.hadoop.fs.FileSystem fs = damaged.getFileSystem(new org.apache.hadoop.conf.Configuration());
    try (var out = fs.create(damaged)) {
      out.write("{\"trial_id\":\"b\",\"status\":\"COMPLETED\"}\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    Files.writeString(local(damaged.toString()), "{\"trial_id\":\"b\",\"sta");

    RunHistory.Run rerun = history.startRerun();
    Path kept = local(sweep.run(initial.id()).trials());
    assertTrue(Files.exists(kept.resolve("parts/a.json")), "the initial run's results are kept");
    assertFalse(Files.exists(kept.resolve(ptune.results.TrialResultStore.DAMAGED)), "damaged parts are no results");
    history.showInSweep(rerun);
    assertTrue(Files.exists(local(damaged.toString())), "the damaged part stays in the sweep's trials/ for a look");
  }

  @Test
  void previousRunsAndBaselinesAreTheRunsWithTables() throws IOException {
    SweepLayout sweep = SweepLayout.of(tmp.toString(), "s");
    RunHistory history = new RunHistory(sweep);
    for (String id : List.of("20261201T080000.000Z", "20261201T090000.000Z")) {
      Files.createDirectories(local(history.tables(id)).resolve("results.parquet"));
    }
    Files.createDirectories(local(sweep.history()).resolve("20261201T100000.000Z")); // started, no tables yet
    Files.createDirectories(local(sweep.history()).resolve("notes"));
    assertEquals(List.of("20261201T080000.000Z", "20261201T090000.000Z"), history.runsWithTables());
    assertEquals("20261201T090000.000Z", history.previous("20261201T100000.000Z"));
    assertEquals("20261201T080000.000Z", history.previous("20261201T090000.000Z"));
    assertNull(history.previous("20261201T080000.000Z"));

    assertEquals(history.tables("20261201T080000.000Z"), history.baselineTables("20261201T080000.000Z"));
    Path elsewhere = Files.createDirectories(tmp.resolve("pinned/tables/results.parquet")).getParent().getParent();
    assertTrue(history.baselineTables(elsewhere.toString()).endsWith("/pinned/tables"), "a run's directory");
    IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> history.baselineTables("last-week"));
    assertTrue(unknown.getMessage().contains("--baseline last-week")
        && unknown.getMessage().contains("20261201T080000.000Z, 20261201T090000.000Z"), unknown.getMessage());
  }
}
