package ptune.results;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The successive-halving scheduler's decisions, {@code scheduler/<bracket>.rung<k>.json} in the
 * sweep's store on any Hadoop filesystem: which grid points of a bracket were ranked at a rung, by
 * which score, and which continue. Written atomically (a hidden temp file renamed), once per rung:
 * a rerun reads the decision instead of deciding again, so no promotion is repeated or lost even
 * if a trial's recorded row changes later (a promoted trial's row is rewritten as it trains on).
 */
public final class RungDecisionLog {

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * One rung of one bracket, decided.
   *
   * @param bracket "backbone method task"
   * @param rung 0 for the first (after grace_epochs)
   * @param epoch the epoch the rung's trials trained to
   * @param scores grid point (its hyperparameters) to its score at the rung, mean over its seeds
   * @param promoted the grid points that continue to the next rung, best first
   */
  public record Decision(String bracket, int rung, int epoch, String metric, Map<String, Double> scores,
      List<String> promoted) {}

  private final String dir;

  public RungDecisionLog(SweepLayout layout) {
    this.dir = layout.scheduler();
  }

  public Optional<Decision> read(String bracket, int rung) {
    Path file = file(bracket, rung);
    try {
      FileSystem fs = file.getFileSystem(new Configuration());
      if (!fs.exists(file)) {
        return Optional.empty();
      }
      JsonNode node;
      try (InputStream in = fs.open(file)) {
        node = JSON.readTree(in);
      }
      Map<String, Double> scores = new LinkedHashMap<>();
      node.get("scores").fields().forEachRemaining(e -> scores.put(e.getKey(), e.getValue().asDouble()));
      List<String> promoted = new ArrayList<>();
      node.get("promoted").forEach(p -> promoted.add(p.asText()));
      return Optional.of(new Decision(node.get("bracket").asText(), node.get("rung").asInt(),
          node.get("epoch").asInt(), node.get("metric").asText(), scores, promoted));
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException("cannot read the scheduler's decision " + file + " (delete it to decide the rung again): " + e, e);
    }
  }

  public void write(Decision decision) {
    Path file = file(decision.bracket(), decision.rung());
    Path temp = new Path(dir, "." + file.getName() + "." + UUID.randomUUID() + ".tmp");
    try {
      FileSystem fs = file.getFileSystem(new Configuration());
      fs.mkdirs(new Path(dir));
      try (OutputStream out = fs.create(temp, false)) {
        out.write(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(decision).getBytes(StandardCharsets.UTF_8));
      }
      if (!fs.rename(temp, file)) {
        fs.delete(temp, false);
        throw new IOException("rename " + temp + " -> " + file + " failed (is there one already?)");
      }
    } catch (IOException e) {
      throw new ResultWriteException("cannot write the scheduler's decision to " + file, e);
    }
  }

  /** Forgets every decision (--force: the trials train again from epoch 1). */
  public void clear() {
    Path path = new Path(dir);
    try {
      path.getFileSystem(new Configuration()).delete(path, true);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + path, e);
    }
  }

  private Path file(String bracket, int rung) {
    return new Path(dir, bracket.replaceAll("[^A-Za-z0-9._-]+", "_") + ".rung" + rung + ".json");
  }
}
