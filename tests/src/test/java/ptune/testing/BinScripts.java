package ptune.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a script of bin/ as a user runs it, in a process of its own from the repository root, on the
 * runtime classpath this build resolved (the modules' target/classes and jobs' dependencies, without
 * the tests' own: their older SLF4J would silence Spark's log), so the script neither builds nor
 * reads a stale ptune.classpath.
 */
public final class BinScripts {

  private BinScripts() {}

  /** What a script printed (stdout and stderr, lines as they came) and its exit code. */
  public record Outcome(int exitCode, List<String> console) {}

  /**
   * Runs {@code bin/<script> args...} with {@code env} added to the environment; returns its stdout
   * and stderr, lines as they came (echoed to the test's log), and fails the test unless it exits 0
   * within {@code timeout}.
   */
  public static List<String> run(Map<String, String> env, Duration timeout, String script, String... args)
      throws IOException, InterruptedException {
    Outcome outcome = outcome(env, timeout, script, args);
    assertEquals(0, outcome.exitCode(), "bin/" + script + " exit code; console:\n" + String.join("\n", outcome.console()));
    return outcome.console();
  }

  /** As {@link #run}, for a run expected to fail: its exit code and console, whatever the code. */
  public static Outcome outcome(Map<String, String> env, Duration timeout, String script, String... args)
      throws IOException, InterruptedException {
    Path root = TestSweeps.repoRoot();
    List<String> command = new ArrayList<>(List.of(root.resolve("bin").resolve(script).toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true);
    builder.environment().put("PTUNE_CLASSPATH", StandaloneCluster.runtimeClassPath());
    builder.environment().putAll(env);
    Process process = builder.start();
    List<String> lines = Collections.synchronizedList(new ArrayList<>());
    Thread reader = new Thread(() -> {
      try (BufferedReader in = process.inputReader()) {
        in.lines().forEach(line -> {
          lines.add(line);
          System.out.println("| " + line);
        });
      } catch (IOException e) {
        lines.add("(reading the console failed: " + e + ")");
      }
    });
    reader.start();
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      process.waitFor(1, TimeUnit.MINUTES);
    }
    reader.join(TimeUnit.MINUTES.toMillis(1));
    return new Outcome(process.exitValue(), List.copyOf(lines));
  }
}
