package ptune.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import ptune.dataset.DataDirectory;

/** Sweep configs for the end-to-end tests, written to a temporary directory. */
public final class TestSweeps {

  private TestSweeps() {}

  /** The repository root (surefire passes it), for conf/ and notebooks/. */
  public static Path repoRoot() {
    return Path.of(System.getProperty("ptune.repo.root", "..")).toAbsolutePath().normalize();
  }

  /**
   * Three methods x two tasks x two seeds with a small lr x prompt-length grid, CB's PT trials half
   * failing and RTE's PT trials half diverging: 44 trials.
   */
  public static String pipeline(String name, String extra) {
    return """
        name: %s
        runner: ptune.testing.DeterministicTrialRunner
        data_dir: %s
        backbones: [tiny]
        methods: [ft, pt, pt2]
        tasks: [cb, rte]
        seeds: [1, 2]
        hyperparameter_types: {outcome: string, sleep_ms: int, invocation_log: string}
        grid:
          epochs: 3
          lr: [1.0e-2, 5.0e-3]
          prefix_len: [4, 16]
          outcome: ok
        overrides:
          - method: ft
            grid: {lr: 2.0e-5, prefix_len: null}
          - task: cb
            method: pt
            grid: {outcome: [ok, throw]}
          - task: rte
            method: pt
            grid: {outcome: [ok, diverge]}
        spark:
          spark.ui.enabled: "false"
        %s
        """.formatted(name, DataDirectory.resolve(), extra);
  }

  public static Path write(Path dir, String fileName, String yaml) throws IOException {
    Files.createDirectories(dir);
    return Files.writeString(dir.resolve(fileName), yaml);
  }
}
