package ptune.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import ptune.command.ExitCode;
import ptune.dataset.DataDirectory;
import ptune.testing.CommandLine;

/** The sweeps shipped for this machine's data pass {@code ptune check} (nothing runs). */
class ShippedConfigsCheckTest {

  @TempDir Path tmp;

  @ParameterizedTest
  @ValueSource(strings = {"quickstart.yaml", "cpu-repro.yaml"})
  void passesThePreflightChecks(String file) {
    Path config = Path.of(System.getProperty("ptune.repo.root", "..")).resolve("conf").resolve(file);
    CommandLine result = CommandLine.run("check", config.toString(), "--out", tmp.toString(),
        "--data", DataDirectory.resolve().toString());
    assertEquals(ExitCode.OK, result.exitCode(), result.err());
    assertTrue(result.out().contains("trials pass the pre-flight checks"), result.out());
  }
}
