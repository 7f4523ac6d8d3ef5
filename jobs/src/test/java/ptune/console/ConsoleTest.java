package ptune.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsoleTest {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private Console console(boolean terminal) {
    return new Console(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
        terminal);
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void plainOutputPrintsEachStatusAsLinesWithoutEscapes() {
    Console c = console(false);
    c.println("sweep s: 2 trials");
    c.printf("%d to run%n", 2);
    c.status(List.of("[s] 0/2 done"));
    c.status(List.of("[s] 1/2 done"));
    c.err().println("WARN something");
    c.endStatus();
    assertEquals("sweep s: 2 trials\n2 to run\n[s] 0/2 done\n[s] 1/2 done\n", out());
    assertEquals("WARN something\n", err.toString(StandardCharsets.UTF_8));
    assertFalse(out().contains("\033") || out().contains("\r"), out());
  }

  @Test
  void terminalRedrawsTheStatusBlockInPlaceAndKeepsLinesAboveIt() {
    Console c = console(true);
    c.status(List.of("[s] 0/2 done", "  cb  best dev ft 50.0"));
    c.status(List.of("[s] 1/2 done", "  cb  best dev ft 60.0"));
    c.println("trial a: COMPLETED");
    c.endStatus();
    String clear = "\r\033[K";
    String up = "\033[1A";
    assertEquals(
        "[s] 0/2 done\n  cb  best dev ft 50.0"
            + clear + up + clear + "[s] 1/2 done\n  cb  best dev ft 60.0" // redrawn: two lines erased
            + clear + up + clear + "trial a: COMPLETED\n" // a line scrolls in above the block
            + "[s] 1/2 done\n  cb  best dev ft 60.0" // and the block is drawn again below it
            + "\n", // left on screen at the end
        out());
  }

  @Test
  void anErrorLineOnATerminalErasesTheBlockFirst() {
    Console c = console(true);
    c.status(List.of("[s] 0/1 done"));
    c.err().print("WARN part");
    assertEquals("[s] 0/1 done", out(), "no line yet: nothing printed");
    c.err().println(" two");
    assertEquals("[s] 0/1 done\r\033[K[s] 0/1 done", out());
    assertEquals("WARN part two\n", err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void captureRoutesSystemOutAndRestoresIt() throws Exception {
    PrintStream before = System.out;
    Console c = console(false);
    try (AutoCloseable captured = c.capture()) {
      System.out.println("from a library");
      System.out.println();
      System.out.print("no newline at the end");
    }
    assertTrue(System.out == before, "System.out restored");
    assertEquals("from a library\n\nno newline at the end\n", out());
  }
}
