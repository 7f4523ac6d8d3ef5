package ptune.notebooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import ptune.dataset.DataDirectory;
import ptune.testing.TestSweeps;

/**
 * Executes notebooks/results.ipynb and notebooks/quick-trial.ipynb headless, as a user would with the
 * kernel from {@code bin/ptune-notebook-kernel}: the results notebook on real results of a tiny sweep
 * run here ({@link TinyRealSweep}), the quick trial on a shrunken SST-2 subsample. Fails on any cell
 * error and checks that the plots are real images.
 *
 * <p>Needs Jupyter ({@code apt-get install -y --no-install-recommends jupyter-nbconvert jupyter-client});
 * without it the test fails, unless {@code -Dptune.notebooks.skip=true}. {@code -Dptune.jupyter=PATH}
 * picks the jupyter executable (default /usr/bin/jupyter, else jupyter on the PATH). The executed
 * notebooks are kept in tests/target/executed-notebooks/. {@code -Dptune.notebooks.results=DIR} shows an
 * existing sweep directory instead of running the tiny sweep (quicker when working on the notebooks).
 */
@Tag("slow")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NotebooksExecuteTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long KERNEL_SETUP_MINUTES = 10;
  private static final long NOTEBOOK_MINUTES = 20;

  @TempDir static Path tmp;
  private Path repo;
  private String jupyter;
  private Path jupyterPath;
  private Path sweepDir;
  private Path dataDir;

  @BeforeAll
  void kernelAndResults() throws Exception {
    Assumptions.assumeFalse(Boolean.getBoolean("ptune.notebooks.skip"), "-Dptune.notebooks.skip=true");
    repo = TestSweeps.repoRoot();
    jupyter = findJupyter();
    jupyterPath = tmp.resolve("jupyter");
    long start = System.nanoTime();
    run("kernel setup", List.of(repo.resolve("bin/ptune-notebook-kernel").toString(), "--dir", jupyterPath.toString()),
        Map.of(), repo, tmp.resolve("kernel-setup.log"), KERNEL_SETUP_MINUTES);
    assertTrue(Files.isRegularFile(jupyterPath.resolve("kernels/ptune/kernel.json")), "kernel.json written");
    System.out.printf("notebooks: kernel set up in %.0f s%n", (System.nanoTime() - start) / 1e9);

    start = System.nanoTime();
    dataDir = DataDirectory.resolve();
    String given = System.getProperty("ptune.notebooks.results");
    sweepDir = given != null && !given.isBlank() ? Path.of(given).toAbsolutePath()
        : TinyRealSweep.run(tmp.resolve("runs"), dataDir, System.out);
    System.out.printf("notebooks: tiny sweep in %.0f s -> %s%n", (System.nanoTime() - start) / 1e9, sweepDir);
  }

  @Test
  @Order(1)
  void resultsNotebookShowsTheTableAndRealPlots() throws Exception {
    JsonNode nb = execute("results.ipynb", Map.of("PTUNE_RESULTS", sweepDir.toString()));
    String markdown = String.join("\n", outputs(nb, "text/markdown"));
    assertTrue(markdown.contains("| minilm-l6 FT |") && markdown.contains("| minilm-l6 PT-2 |"),
        "the paper-style table has our rows:\n" + markdown);
    assertTrue(markdown.contains("selected on held-out"), "both selections are shown:\n" + markdown);
    assertTrue(markdown.contains("| minilm-l6 | CB |"), "PT-2 vs FT per task:\n" + markdown);
    assertTrue(markdown.contains("1: ") && markdown.contains("2: "), "the seeds of the spread:\n" + markdown);
    // table bars, learning curves, prompt length, seed spread
    assertRealPlots("results.ipynb", nb, 4);
  }

  @Test
  @Order(2)
  void quickTrialNotebookTrainsSavesReloadsAndPredicts() throws Exception {
    JsonNode nb = execute("quick-trial.ipynb", Map.of(
        "PTUNE_QUICK_TRAIN", "32", "PTUNE_QUICK_DEV", "32", "PTUNE_QUICK_EPOCHS", "1",
        "PTUNE_CHECKPOINT_DIR", tmp.resolve("quick-trial-checkpoint").toString()));
    assertTrue(Files.isRegularFile(tmp.resolve("quick-trial-checkpoint/checkpoint.json")), "the checkpoint was saved");
    String text = String.join("\n", outputs(nb, "text/html")) + String.join("\n", outputs(nb, "text/plain"));
    assertTrue(text.contains("best dev accuracy"), text);
    assertTrue(text.contains("restored [") && text.contains("pt2 on minilm-l6 for sst2"), text);
    String predictions = String.join("\n", outputs(nb, "text/markdown"));
    assertTrue(predictions.contains("| sentence | prediction | probability |"), predictions);
    long rows = predictions.lines().filter(l -> l.matches("\\| .+ \\| (positive|negative) \\| [01]\\.\\d\\d \\|")).count();
    assertEquals(4, rows, "one prediction per typed sentence:\n" + predictions);
    assertRealPlots("quick-trial.ipynb", nb, 1);
  }

  // ---------------------------------------------------------------------------------------------

  private String findJupyter() throws InterruptedException {
    List<String> candidates = new ArrayList<>();
    String configured = System.getProperty("ptune.jupyter");
    if (configured != null && !configured.isBlank()) {
      candidates.add(configured);
    }
    candidates.add("/usr/bin/jupyter"); // Debian's; a pyenv/virtualenv python3 on the PATH may lack nbconvert
    candidates.add("jupyter");
    for (String candidate : candidates) {
      try {
        Process p = new ProcessBuilder(candidate, "nbconvert", "--version").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).trim();
        if (p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0) {
          System.out.println("notebooks: " + candidate + " nbconvert " + out);
          return candidate;
        }
      } catch (IOException notThere) {
        // try the next one
      }
    }
    fail("Jupyter with nbconvert is needed to execute the notebooks and was not found (tried " + candidates + "). "
        + "Install it with `apt-get install -y --no-install-recommends jupyter-nbconvert jupyter-client`, "
        + "point -Dptune.jupyter at a jupyter executable, or skip with -Dptune.notebooks.skip=true.");
    return null;
  }

  private JsonNode execute(String notebook, Map<String, String> env) throws Exception {
    Path out = tmp.resolve("executed");
    Files.createDirectories(out);
    Map<String, String> all = new java.util.HashMap<>(env);
    all.put("JUPYTER_PATH", jupyterPath.toString());
    all.put("PTUNE_DATA_DIR", dataDir.toString());
    String log = notebook.replace(".ipynb", ".log");
    long start = System.nanoTime();
    List<String> command = List.of(jupyter, "nbconvert", "--to", "notebook", "--execute",
        repo.resolve("notebooks").resolve(notebook).toString(), "--output-dir", out.toString(),
        "--ExecutePreprocessor.timeout=" + NOTEBOOK_MINUTES * 60, "--ExecutePreprocessor.startup_timeout=180");
    try {
      run(notebook, command, all, repo.resolve("notebooks"), tmp.resolve(log), NOTEBOOK_MINUTES + 2);
    } catch (AssertionError e) {
      // A kernel that never answered at start-up (seen once on a loaded machine) gets one more try;
      // a failing cell does not.
      if (!Files.readString(tmp.resolve(log)).contains("Kernel didn't respond")) {
        throw e;
      }
      System.out.println("notebooks: WARNING: the kernel for " + notebook + " did not start; trying once more");
      run(notebook, command, all, repo.resolve("notebooks"), tmp.resolve(log), NOTEBOOK_MINUTES + 2);
    }
    System.out.printf("notebooks: %s executed in %.0f s%n", notebook, (System.nanoTime() - start) / 1e9);
    // Kept for a look (and as a CI artifact): tests/target/executed-notebooks/.
    Path kept = repo.resolve("tests/target/executed-notebooks");
    Files.createDirectories(kept);
    Files.copy(out.resolve(notebook), kept.resolve(notebook), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    JsonNode nb = JSON.readTree(out.resolve(notebook).toFile());
    for (JsonNode cell : nb.path("cells")) {
      for (JsonNode output : cell.path("outputs")) {
        if ("error".equals(output.path("output_type").asText())) {
          fail(notebook + ": cell " + cell.path("id").asText() + " failed: " + output.path("ename").asText() + ": "
              + output.path("evalue").asText());
        }
      }
    }
    return nb;
  }

  /** The outputs of one MIME type, each as one string. */
  private static List<String> outputs(JsonNode nb, String mime) {
    List<String> texts = new ArrayList<>();
    for (JsonNode cell : nb.path("cells")) {
      for (JsonNode output : cell.path("outputs")) {
        JsonNode data = output.path("data").path(mime);
        if (data.isArray()) {
          StringBuilder s = new StringBuilder();
          data.forEach(line -> s.append(line.asText()));
          texts.add(s.toString());
        } else if (data.isTextual()) {
          texts.add(data.asText());
        }
      }
    }
    return texts;
  }

  /** At least {@code expected} inline PNGs, each a decodable, reasonably large, non-blank image. */
  private static void assertRealPlots(String notebook, JsonNode nb, int expected) throws IOException {
    List<String> pngs = outputs(nb, "image/png");
    assertTrue(pngs.size() >= expected, notebook + ": expected at least " + expected + " inline plots, found " + pngs.size());
    for (int i = 0; i < pngs.size(); i++) {
      byte[] bytes = Base64.getMimeDecoder().decode(pngs.get(i));
      BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
      assertNotNull(image, notebook + " plot " + i + " decodes as PNG");
      assertTrue(image.getWidth() > 200 && image.getHeight() > 150,
          notebook + " plot " + i + " is " + image.getWidth() + "x" + image.getHeight());
      Set<Integer> colours = new HashSet<>();
      for (int x = 0; x < image.getWidth(); x += 3) {
        for (int y = 0; y < image.getHeight(); y += 3) {
          colours.add(image.getRGB(x, y));
        }
      }
      assertTrue(colours.size() > 5, notebook + " plot " + i + " is nearly blank: " + colours.size() + " colours");
    }
  }

  private static void run(String what, List<String> command, Map<String, String> env, Path dir, Path log, long minutes)
      throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile());
    pb.environment().putAll(env);
    Process p = pb.start();
    p.getOutputStream().close(); // no input: a kernel must not wait for any
    boolean finished = p.waitFor(minutes, TimeUnit.MINUTES);
    keep(log);
    if (!finished) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      fail(what + " did not finish in " + minutes + " minutes; log:\n" + tail(log));
    }
    if (p.exitValue() != 0) {
      fail(what + " failed (exit " + p.exitValue() + "); log:\n" + tail(log));
    }
  }

  /** Logs are kept beside the executed notebooks, in tests/target/executed-notebooks/. */
  private static void keep(Path log) throws IOException {
    Path kept = TestSweeps.repoRoot().resolve("tests/target/executed-notebooks");
    Files.createDirectories(kept);
    Files.copy(log, kept.resolve(log.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }

  /**
   * The end of a log without the kernel's classpath listing, message chatter and Python traceback:
   * for a failed cell, nbclient's report (the cell's source and the Java error) is what matters.
   */
  private static String tail(Path log) throws IOException {
    List<String> lines = Files.readAllLines(log).stream()
        .filter(l -> !l.startsWith("Parsing classpath: ") && !l.startsWith("Add ") && !l.contains("[INFO   ]")
            && !l.startsWith("  File \"") && !l.trim().matches("\\^+"))
        .toList();
    int from = Math.max(0, lines.size() - 80);
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains("CellExecutionError")) {
        from = i;
        break;
      }
    }
    return String.join("\n", lines.subList(from, Math.min(lines.size(), from + 150)))
        .replaceAll("\u001B\\[[;\\d]*m", ""); // ANSI colours of the kernel's error report
  }
}
