package ptune.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * conf/repro/run.sh carries an unfinished sweep from one machine to the next: {@code --carry} keeps
 * its finished trial rows, sessions and console beside the repo's results, and a later run restores
 * them into a fresh output directory (here {@code --restore}, the same step {@code run.sh NAME}
 * takes before it runs), so the sweep skips the trials that finished and run.json counts every
 * session. Runs the real script on a sweep output written here; no sweep runs.
 */
class CarriedSweepTest {

  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final String SESSION_1 = "{\"started\":\"2026-12-02T05:00:00Z\",\"exit_code\":143}";
  private static final String SESSION_2 = "{\"started\":\"2026-12-03T09:00:00Z\",\"exit_code\":0}";

  @TempDir Path tmp;

  @Test
  void finishedTrialsAndSessionsMoveToAFreshOutputDirectory() throws Exception {
    Path firstMachine = tmp.resolve("out-1");
    Path sweep = firstMachine.resolve("repro-cb");   // conf/repro/cb.yaml's name
    Files.createDirectories(sweep.resolve("trials/parts"));
    Files.writeString(sweep.resolve("trials/parts/aaaa.json"), "{\"trial_id\":\"aaaa\",\"status\":\"COMPLETED\"}");
    Files.writeString(sweep.resolve("trials/parts/.aaaa.json.crc"), "checksum");
    Files.writeString(sweep.resolve("repro-sessions.jsonl"), SESSION_1 + "\n");
    Files.writeString(sweep.resolve("console.txt"), "trial aaaa: COMPLETED\n");
    Path carry = tmp.resolve("carried");

    Run carried = run(firstMachine, carry, "--carry");
    assertEquals(0, carried.exit(), carried.output());
    Path kept = carry.resolve("cb");
    assertEquals(List.of("aaaa.json"), list(kept.resolve("parts")), "the trial rows only, no checksum sidecars");
    assertEquals(Files.readString(ROOT.resolve("conf/repro/cb.yaml")), Files.readString(kept.resolve("config.yaml")));

    // Another machine: an empty output directory, then a session of its own recorded there.
    Path secondMachine = tmp.resolve("out-2");
    Run restored = run(secondMachine, carry, "--restore");
    assertEquals(0, restored.exit(), restored.output());
    Path fresh = secondMachine.resolve("repro-cb");
    assertEquals("{\"trial_id\":\"aaaa\",\"status\":\"COMPLETED\"}", Files.readString(fresh.resolve("trials/parts/aaaa.json")));
    assertEquals("trial aaaa: COMPLETED\n", Files.readString(fresh.resolve("console.txt")));
    Files.writeString(fresh.resolve("repro-sessions.jsonl"), SESSION_2 + "\n", java.nio.file.StandardOpenOption.APPEND);

    // Restoring again (run.sh does it on every run) repeats nothing and keeps the order of sessions.
    assertEquals(0, run(secondMachine, carry, "--restore").exit());
    assertEquals(List.of(SESSION_1, SESSION_2), Files.readAllLines(fresh.resolve("repro-sessions.jsonl")));
    assertEquals(List.of("aaaa.json"), list(fresh.resolve("trials/parts")));
  }

  @Test
  void aCarriedSweepOfAnotherConfigIsRefused() throws Exception {
    Path kept = tmp.resolve("carried/cb");
    Files.createDirectories(kept.resolve("parts"));
    Files.writeString(kept.resolve("config.yaml"), "name: repro-cb\nseeds: [1]\n");
    Run refused = run(tmp.resolve("out"), tmp.resolve("carried"), "--restore");
    assertEquals(2, refused.exit(), refused.output());
    assertTrue(refused.output().contains(kept + " was carried from another version of conf/repro/cb.yaml"),
        refused.output());
    assertFalse(Files.exists(tmp.resolve("out/repro-cb/trials/parts")), "nothing restored");
  }

  @Test
  void nothingToCarryIsAnError() throws Exception {
    Run nothing = run(tmp.resolve("empty"), tmp.resolve("carried"), "--carry");
    assertEquals(2, nothing.exit());
    assertTrue(nothing.output().contains("has no trial results to carry"), nothing.output());
  }

  private record Run(int exit, String output) {}

  private static Run run(Path out, Path carry, String option) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder("bash", ROOT.resolve("conf/repro/run.sh").toString(), "cb", option)
        .redirectErrorStream(true);
    pb.environment().put("PTUNE_REPRO_OUT", out.toString());
    pb.environment().put("PTUNE_REPRO_CARRY", carry.toString());
    Process p = pb.start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Run(p.waitFor(), output);
  }

  private static List<String> list(Path dir) throws IOException {
    try (var files = Files.list(dir)) {
      return files.map(f -> f.getFileName().toString()).sorted().toList();
    }
  }
}
