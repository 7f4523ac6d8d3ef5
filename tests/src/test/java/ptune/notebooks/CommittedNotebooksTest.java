package ptune.notebooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import ptune.testing.TestSweeps;

/**
 * The notebooks as committed: no outputs or execution counts (results belong to whoever runs them),
 * no absolute paths (paths are relative to notebooks/ or come from environment variables), and the
 * kernel that {@code bin/ptune-notebook-kernel} installs. Fast; needs no Jupyter.
 */
class CommittedNotebooksTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  /** A Unix path under a top-level directory, a home directory, or a Windows drive. */
  private static final Pattern ABSOLUTE_PATH =
      Pattern.compile("(?<![\\w.])(/(?:work|home|root|tmp|Users|usr|opt|var|mnt|data)/|~/|[A-Za-z]:\\\\)");

  private static List<Path> notebooks() throws IOException {
    try (Stream<Path> files = Files.list(TestSweeps.repoRoot().resolve("notebooks"))) {
      return files.filter(f -> f.toString().endsWith(".ipynb")).sorted().toList();
    }
  }

  @Test
  void bothNotebooksAreThere() throws IOException {
    List<String> names = notebooks().stream().map(p -> p.getFileName().toString()).toList();
    assertTrue(names.containsAll(List.of("results.ipynb", "quick-trial.ipynb")), names.toString());
  }

  @Test
  void committedNotebooksCarryNoOutputs() throws IOException {
    for (Path notebook : notebooks()) {
      JsonNode nb = JSON.readTree(notebook.toFile());
      for (JsonNode cell : nb.path("cells")) {
        if ("code".equals(cell.path("cell_type").asText())) {
          assertEquals(0, cell.path("outputs").size(), notebook.getFileName() + " cell " + cell.path("id") + " has outputs");
          assertTrue(cell.path("execution_count").isNull(), notebook.getFileName() + " cell " + cell.path("id") + " was executed");
        }
      }
    }
  }

  @Test
  void committedNotebooksHoldNoAbsolutePaths() throws IOException {
    for (Path notebook : notebooks()) {
      String text = Files.readString(notebook);
      Matcher m = ABSOLUTE_PATH.matcher(text);
      if (m.find()) {
        fail(notebook.getFileName() + " has an absolute path near: "
            + text.substring(Math.max(0, m.start() - 60), Math.min(text.length(), m.end() + 60)).replaceAll("\\s+", " "));
      }
    }
  }

  @Test
  void notebooksUseThePtuneKernel() throws IOException {
    for (Path notebook : notebooks()) {
      JsonNode spec = JSON.readTree(notebook.toFile()).path("metadata").path("kernelspec");
      assertEquals("ptune", spec.path("name").asText(), notebook.getFileName() + ": kernel installed by bin/ptune-notebook-kernel");
      assertEquals("java", spec.path("language").asText(), notebook.getFileName().toString());
    }
  }
}
