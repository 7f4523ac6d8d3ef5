package ptune.cli.commands.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The benchmark runs on real CB, checks every stored row against its example and reports both times. */
class BenchFeaturesCommandTest {

  @Test
  void reportsBothWaysForRealCb() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream console = System.out;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      assertEquals(0, new BenchFeaturesCommand().run(new String[] {"cb", "--max-len", "64"}));
    } finally {
      System.setOut(console);
    }
    String report = out.toString(StandardCharsets.UTF_8);
    assertTrue(report.contains("cb, minilm-l6, max_len 64 (classifier): 250 train + 56 dev examples, shards 0.2 MB at memory:cb/minilm-l6-len64"), report);
    Matcher times = Pattern.compile("tokenize: ([0-9.]+) s   stored: ([0-9.]+) s").matcher(report);
    assertTrue(times.find(), report);
    assertTrue(Double.parseDouble(times.group(1)) > 0 && Double.parseDouble(times.group(2)) > 0, report);
  }
}
