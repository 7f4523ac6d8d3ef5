package ptune.tables;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The paper's (and the official README's) numbers, read from {@code published-results.csv}. */
public final class PublishedResults {

  /** One published number; {@code backbone} is a prefix of the backbone names it applies to. */
  public record Score(String backbone, String method, String task, double score, String source, boolean verified) {}

  private static final String RESOURCE = "ptune/tables/published-results.csv";

  private final List<Score> scores;

  PublishedResults(List<Score> scores) {
    this.scores = List.copyOf(scores);
  }

  public static PublishedResults load() {
    try (InputStream in = PublishedResults.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      List<Score> scores = new ArrayList<>();
      reader.lines().filter(l -> !l.startsWith("#") && !l.startsWith("backbone,") && !l.isBlank()).forEach(l -> {
        String[] f = l.split(",", -1);
        scores.add(new Score(f[0], f[1], f[2], Double.parseDouble(f[3]), f[4], Boolean.parseBoolean(f[5])));
      });
      return new PublishedResults(scores);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }

  /** Published numbers for a backbone (by prefix), method and task; the paper's first. */
  public List<Score> find(String backbone, String method, String task) {
    return scores.stream()
        .filter(s -> backbone.startsWith(s.backbone()) && s.method().equals(method) && s.task().equals(task))
        .toList();
  }

  /** All published numbers for these tasks, for the reference rows under a table. */
  public List<Score> forTasks(List<String> tasks) {
    return scores.stream().filter(s -> tasks.contains(s.task())).toList();
  }
}
