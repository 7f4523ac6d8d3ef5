package ptune.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import ptune.dataset.DataDirectory;
import ptune.testing.BinScripts;
import ptune.testing.Tcmalloc;
import ptune.testing.TestSweeps;

/**
 * bin/ptune-cluster as the README uses it: start a standalone cluster of one two-core Worker with
 * one-core executors, run a small real sweep on it through the profile it wrote (data_dir relative
 * to the repository, as in the shipped configs), stop it. Both
 * trials run in executor JVMs (two of them, side by side), each with one libtorch thread for its
 * one core and tcmalloc preloaded when the machine has it, and stop leaves no daemon behind.
 */
@Tag("slow")
class LocalClusterScriptTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  @Timeout(900)
  void aSweepRunsOnTheScriptsClusterOneTrialPerOneCoreExecutor(@TempDir Path tmp) throws Exception {
    Path clusterDir = tmp.resolve("cluster");
    Map<String, String> env = Map.of("PTUNE_CLUSTER_DIR", clusterDir.toString());
    List<ProcessHandle> daemons = new ArrayList<>();
    try {
      String started = String.join("\n", BinScripts.run(env, Duration.ofMinutes(3), "ptune-cluster", "start",
          "--workers", "1", "--cores", "2", "--memory", "4g", "--executor-cores", "1"));
      assertTrue(started.contains("1 worker(s) x 2 core(s), 2 executor(s) of 1 core(s)"), started);
      for (String pid : Files.readAllLines(clusterDir.resolve("pids"))) {
        ProcessHandle.of(Long.parseLong(pid.trim())).ifPresent(daemons::add);
      }
      assertEquals(2, daemons.size(), "a Master and a Worker are running");
      String profile = Files.readString(clusterDir.resolve("cluster.conf"));
      assertTrue(profile.matches("(?s).*\nspark\\.task\\.cpus +1\n.*") && profile.matches("(?s).*\nspark\\.executor\\.cores +1\n.*"),
          profile);
      Optional<String> tcmalloc = Tcmalloc.installedLibrary();
      assertEquals(tcmalloc.map(lib -> "spark.executorEnv.LD_PRELOAD     " + lib).stream().toList(),
          profile.lines().filter(l -> l.startsWith("spark.executorEnv.LD_PRELOAD")).toList(),
          "the executors preload tcmalloc exactly when this machine has it");
      Path config = Files.writeString(tmp.resolve("tiny.yaml"), """
          name: tiny
          runner: ptune.trial.PromptTuningTrialRunner
          backbones: [minilm-l6]
          methods: [pt2]
          tasks: [cb]
          seeds: [1, 2]
          grid: {epochs: 1, batch_size: 8, max_len: 32, prefix_len: 2, max_train_examples: 8, max_dev_examples: 8}
          """);
      Path out = tmp.resolve("runs");
      // relative, as the shipped configs' data_dir: relative to where the job starts, not the executors
      String data = TestSweeps.repoRoot().toAbsolutePath().relativize(DataDirectory.resolve().toAbsolutePath()).toString();
      BinScripts.run(env, Duration.ofMinutes(10), "ptune", "sweep", config.toString(), "--out", out.toString(),
          "--spark-profile", clusterDir.resolve("cluster.conf").toString(), "--data", data);

      Set<String> executors = new TreeSet<>();
      try (Stream<Path> parts = Files.list(out.resolve("tiny/trials/parts"))) {
        for (Path part : parts.filter(p -> p.toString().endsWith(".json")).toList()) {
          JsonNode row = JSON.readTree(part.toFile());
          assertEquals("COMPLETED", row.get("status").asText(), row.toString());
          executors.add(row.get("executor").asText());
        }
      }
      assertEquals(2, executors.size(), "two one-core executors ran the two trials: " + executors);
      assertTrue(executors.stream().noneMatch("driver"::equals), executors.toString());
      List<String> threadLines = executorLogLines(clusterDir, "intra-op thread(s)");
      assertEquals(2, threadLines.size(), threadLines.toString());
      String allocator = tcmalloc.isPresent() ? "tcmalloc" : "glibc";
      assertTrue(threadLines.stream().allMatch(
          l -> l.contains(": 1 intra-op thread(s) for the task's 1 core(s), native allocator " + allocator)),
          threadLines.toString());
    } finally {
      daemons.addAll(daemons.stream().flatMap(ProcessHandle::descendants).toList()); // executors
      BinScripts.run(env, Duration.ofMinutes(1), "ptune-cluster", "stop");
    }
    for (ProcessHandle daemon : daemons) {
      daemon.onExit().get(30, TimeUnit.SECONDS); // fails the test if one outlives stop
    }
    assertTrue(Files.notExists(clusterDir.resolve("pids")), "stop forgets the cluster");
  }

  /** Lines of the executors' stderr files (work-i/app-.../N/stderr) that contain {@code text}. */
  private static List<String> executorLogLines(Path clusterDir, String text) throws IOException {
    List<String> lines = new ArrayList<>();
    try (Stream<Path> files = Files.walk(clusterDir)) {
      for (Path f : files.filter(p -> p.getFileName().toString().equals("stderr")).toList()) {
        Files.readAllLines(f, StandardCharsets.UTF_8).stream().filter(l -> l.contains(text)).forEach(lines::add);
      }
    }
    return lines;
  }
}
