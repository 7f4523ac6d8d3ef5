package ptune.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import ptune.dataset.DataDirectory;
import ptune.testing.TestSweeps;

/**
 * A small sweep of the deterministic runner (FT and PT-2 on CB and RTE, 6 trials) for the fault
 * tests, and what they read back: which trials ran how often, the part files, the CSV rows.
 */
final class FaultSweeps {

  private FaultSweeps() {}

  static Path config(Path dir, String name, String seeds, String extraGrid) throws IOException {
    return TestSweeps.write(dir, name + ".yaml", """
        name: %s
        runner: ptune.testing.DeterministicTrialRunner
        data_dir: %s
        backbones: [tiny]
        methods: [ft, pt2]
        tasks: [cb, rte]
        seeds: %s
        hyperparameter_types: {invocation_log: string, fail_while_exists: string}
        grid:
          epochs: 2
          lr: 1.0e-2
          prefix_len: [4, 16]
          invocation_log: "%s"
        %s
        overrides:
          - method: ft
            grid: {lr: 2.0e-5, prefix_len: null}
        retry_rounds: 1
        spark:
          spark.ui.enabled: "false"
        """.formatted(name, DataDirectory.resolve(), seeds, invocationLog(dir), extraGrid));
  }

  static Path invocationLog(Path dir) {
    return dir.resolve("invocations.log");
  }

  /** Trial id to the number of times the runner started it. */
  static Map<String, Long> invocations(Path dir) throws IOException {
    Path log = invocationLog(dir);
    if (!Files.exists(log)) {
      return Map.of();
    }
    return Files.readAllLines(log).stream().collect(Collectors.groupingBy(Function.identity(), TreeMap::new,
        Collectors.counting()));
  }

  static List<Path> parts(Path sweepDir) throws IOException {
    try (var files = Files.list(sweepDir.resolve("trials/parts"))) {
      return files.filter(p -> p.getFileName().toString().endsWith(".json") && !p.getFileName().toString().startsWith("."))
          .sorted().toList();
    }
  }

  /** trials.csv without its header, by trial id (the first column). */
  static Map<String, String> csvRows(Path sweepDir) throws IOException {
    List<String> lines = Files.readAllLines(sweepDir.resolve("trials/trials.csv"));
    return lines.subList(1, lines.size()).stream()
        .collect(Collectors.toMap(l -> l.substring(0, l.indexOf(',')), Function.identity(), (a, b) -> a, TreeMap::new));
  }

  static String[] args(String command, Path config, Path out, String... extra) {
    String[] base = {command, config.toString(), "--out", out.toString()};
    String[] all = Arrays.copyOf(base, base.length + extra.length);
    System.arraycopy(extra, 0, all, base.length, extra.length);
    return all;
  }
}
