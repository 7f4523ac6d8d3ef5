package ptune.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import ptune.trial.Hyperparameter;
import ptune.trial.Hyperparameters;

/** The validator reads the core definitions: every key, its type and its range. */
class HyperparameterCatalogTest {

  @Test
  void builtInKeysHaveTheCoreTypesAndRanges() {
    HyperparameterCatalog catalog = new HyperparameterCatalog(Map.of("sleep_ms", HyperparameterType.INT));
    for (Hyperparameter<?> h : Hyperparameters.ALL) {
      assertEquals(HyperparameterType.of(h.type()), catalog.typeOf(h.name()), h.name());
    }
    assertEquals(HyperparameterType.DOUBLE, catalog.typeOf("dropout"));
    assertEquals(HyperparameterType.BOOLEAN, catalog.typeOf("prefix_projection"));
    assertEquals("must be between 0 and 0.999, got 1", catalog.rangeProblem("dropout", new DoubleNode(1.0)));
    assertEquals("must be >= 1, got 0", catalog.rangeProblem("prefix_hidden", new IntNode(0)));
    assertNull(catalog.rangeProblem("prefix_hidden", new IntNode(512)));
    assertNull(catalog.rangeProblem("sleep_ms", new IntNode(-5)), "a runner's own knob has no range");
  }

  @Test
  void confReadmeNamesEveryKey() throws IOException {
    String readme = Files.readString(Path.of("..", "conf", "README.md"));
    for (Hyperparameter<?> h : Hyperparameters.ALL) {
      assertTrue(readme.contains(h.name()), "conf/README.md does not mention " + h.name());
    }
  }
}
