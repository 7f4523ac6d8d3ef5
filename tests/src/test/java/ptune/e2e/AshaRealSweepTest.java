package ptune.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ptune.command.ExitCode;
import ptune.dataset.DataDirectory;
import ptune.testing.CommandLine;

/**
 * A real sweep with the successive-halving scheduler (MiniLM-L6, PT-2 on RTE, tiny subsamples):
 * three prompt lengths, 3 epochs, grace 1, eta 3. Every trial trains epoch 1, the best grid point
 * continues from its saved state to epoch 3: 5 trial-epochs instead of the full grid's 9, two
 * trials STOPPED with their epoch-1 curve, and the table built from the one that ran to the end.
 */
@Tag("slow")
class AshaRealSweepTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  @Test
  void anAshaSweepTrainsFewerTrialEpochsThanTheFullGrid() throws Exception {
    Path config = Files.writeString(tmp.resolve("asha.yaml"), """
        name: asha-real
        data_dir: %s
        backbones: [minilm-l6]
        methods: [pt2]
        tasks: [rte]
        seeds: [7]
        grid:
          epochs: 3
          batch_size: 8
          max_len: 64
          max_train_examples: 16
          max_dev_examples: 12
          lr: 1.0e-2
          prefix_len: [2, 4, 8]
        scheduler: {type: asha, grace_epochs: 1, reduction_factor: 3}
        spark: {spark.ui.enabled: "false"}
        """.formatted(DataDirectory.resolve()));
    Path out = tmp.resolve("runs");

    CommandLine run = CommandLine.run("run", config.toString(), "--out", out.toString());
    assertEquals(ExitCode.OK, run.exitCode(), run.err());
    assertTrue(run.out().contains("rungs: minilm-l6 pt2 rte rung 1 (epoch 1): 3 grid points, 1 promoted, 2 stopped"),
        run.out());

    List<JsonNode> rows = new ArrayList<>();
    try (Stream<Path> parts = Files.list(out.resolve("asha-real/trials/parts"))) {
      for (Path p : parts.filter(p -> p.getFileName().toString().endsWith(".json")).toList()) {
        rows.add(JSON.readTree(Files.readString(p)));
      }
    }
    assertEquals(3, rows.size());
    int trialEpochs = 0;
    int stopped = 0;
    for (JsonNode row : rows) {
      int epochs = row.get("epochs_run").asInt();
      trialEpochs += epochs;
      assertEquals(epochs, row.get("dev_scores").size());
      if (row.get("status").asText().equals("STOPPED")) {
        stopped++;
        assertEquals(1, epochs, row.toString());
      } else {
        assertEquals("COMPLETED", row.get("status").asText(), row.toString());
        assertEquals(3, epochs);
        assertEquals(1, row.get("resumed_epochs").asInt(), "the promoted trial continued from its state");
      }
    }
    assertEquals(2, stopped);
    assertEquals(5, trialEpochs, "3 trials x 1 epoch + 1 trial x 2 more; the full grid trains 9");
    String table = Files.readString(out.resolve("asha-real/tables/selected-on-dev.md"));
    assertTrue(table.contains("Left out: 2 trial(s) stopped at a rung by the successive-halving scheduler"), table);
  }
}
