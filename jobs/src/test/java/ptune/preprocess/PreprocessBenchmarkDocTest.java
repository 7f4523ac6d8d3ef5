package ptune.preprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The preprocessing tables of docs/benchmarks.md are the files conf/bench/preprocess.sh wrote
 * (docs/benchmarks/2026-12-01-preprocess/): every throughput row is a console line of a
 * preprocess run, every bench-features row the output of bench-features, number for number.
 */
class PreprocessBenchmarkDocTest {

  private static final Path DOCS = Path.of("..", "docs");
  private static final Path RESULTS = DOCS.resolve("benchmarks/2026-12-01-preprocess");
  private static final Pattern PREPROCESS = Pattern.compile(
      "preprocess (\\S+): (\\d+) examples -> \\S+ in ([0-9.]+) s \\((\\d+) examples/s, (\\d+) shards\\)");
  private static final Pattern BENCH_HEAD = Pattern.compile(
      "(\\S+), minilm-l6, max_len (\\d+) \\(\\S+\\): (\\d+) train \\+ (\\d+) dev examples, shards ([0-9.]+) MB at .*");
  private static final Pattern BENCH_TIMES = Pattern.compile(
      "tokenize: ([0-9.]+) s   stored: ([0-9.]+) s   \\(median of 5, \\d+ cores\\)");

  @Test
  void throughputRowsAreThePreprocessConsoles() throws IOException {
    List<String> expected = new ArrayList<>();
    for (String run : List.of("local1", "local2", "cluster")) {
      for (String line : Files.readAllLines(RESULTS.resolve("preprocess-" + run + ".txt"))) {
        Matcher m = PREPROCESS.matcher(line);
        assertTrue(m.matches(), run + ": " + line);
        expected.add("| " + run + " | " + m.group(1) + " | " + m.group(2) + " | " + m.group(3) + " | " + m.group(4)
            + " | " + m.group(5) + " |");
      }
    }
    assertEquals(9, expected.size(), "three feature sets in each of three runs");
    assertEquals(expected, rows("| local1 |", "| local2 |", "| cluster |"));
  }

  @Test
  void trialSideRowsAreTheBenchFeaturesOutputs() throws IOException {
    List<String> expected = new ArrayList<>();
    for (String task : List.of("sst2", "conll03", "squad-devsplit")) {
      List<String> lines = Files.readAllLines(RESULTS.resolve("bench-features-" + task + ".txt"));
      Matcher head = BENCH_HEAD.matcher(lines.get(0));
      Matcher times = BENCH_TIMES.matcher(lines.get(1));
      assertTrue(head.matches() && times.matches(), task + ": " + lines);
      expected.add("| `" + head.group(1) + "` | " + head.group(2) + " | " + head.group(3) + " + " + head.group(4)
          + " | " + head.group(5) + " MB | " + times.group(1) + " s | " + times.group(2) + " s |");
    }
    assertEquals(expected, rows("| `sst2` |", "| `conll03` |", "| `squad-devsplit` |"));
  }

  private static List<String> rows(String... starts) throws IOException {
    List<String> doc = Files.readAllLines(DOCS.resolve("benchmarks.md"));
    int from = doc.indexOf("## Preprocessing throughput and what stored features save a trial");
    assertTrue(from >= 0, "the section is in docs/benchmarks.md");
    return doc.subList(from, doc.size()).stream()
        .filter(l -> List.of(starts).stream().anyMatch(l::startsWith)).toList();
  }
}
