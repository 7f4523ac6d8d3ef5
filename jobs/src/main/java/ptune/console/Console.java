package ptune.console;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What a job shows the person running it: lines that scroll, and a status block. On a terminal the
 * status block stays below the scrolling lines and is redrawn in place (carriage return, cursor up,
 * clear line); elsewhere (a pipe, CI, nohup) each status is printed as plain lines. Standard output
 * and standard error go through one lock, so a log line (log4j writes to stderr) never lands inside
 * the status block: the block is erased, the line printed, the block drawn again.
 *
 * <p>The block is assumed not to wrap: its lines are kept short (a wrapped line would be erased
 * only in part).
 */
public final class Console {

  private static final String CLEAR_LINE = "\r\033[K";
  private static final String UP = "\033[1A";

  private final PrintStream out;
  private final PrintStream err;
  private final boolean terminal;
  private final LineSink outSink = new LineSink(false);
  private final LineSink errSink = new LineSink(true);
  private final PrintStream outLines = new PrintStream(outSink, true, StandardCharsets.UTF_8);
  private final PrintStream errLines = new PrintStream(errSink, true, StandardCharsets.UTF_8);
  /** The status block on screen (terminal only); empty when none is drawn. */
  private List<String> drawn = List.of();

  /**
   * @param out the real standard output
   * @param err the real standard error (the same terminal as {@code out} when {@code terminal})
   * @param terminal true to redraw the status block in place
   */
  public Console(PrintStream out, PrintStream err, boolean terminal) {
    this.out = out;
    this.err = err;
    this.terminal = terminal;
  }

  /** The console of this process: a terminal when standard input and output are one (System.console()). */
  public static Console system() {
    return new Console(System.out, System.err, System.console() != null);
  }

  public boolean terminal() {
    return terminal;
  }

  /** Standard output, line by line through this console (for code that takes a PrintStream). */
  public PrintStream out() {
    return outLines;
  }

  /** Standard error, line by line through this console. */
  public PrintStream err() {
    return errLines;
  }

  /** Prints a scrolling line on standard output. */
  public synchronized void println(String line) {
    write(out, line);
  }

  /** As {@link PrintStream#printf}: lines end where the format says ({@code %n}). */
  public void printf(String format, Object... args) {
    outLines.printf(format, args);
  }

  /**
   * Shows a status: on a terminal it replaces the block on screen; otherwise its lines are printed
   * (the caller decides how often).
   */
  public synchronized void status(List<String> lines) {
    if (!terminal) {
      lines.forEach(out::println);
      out.flush();
      return;
    }
    erase();
    draw(lines);
  }

  /** Leaves the status block on screen as ordinary lines: what comes next is printed below it. */
  public synchronized void endStatus() {
    if (terminal && !drawn.isEmpty()) {
      out.println();
      out.flush();
      drawn = List.of();
    }
  }

  /**
   * Routes System.out and System.err through this console until the returned handle is closed,
   * so that whatever prints (log4j's console appender, libraries) keeps clear of the status block.
   */
  public AutoCloseable capture() {
    PrintStream previousOut = System.out;
    PrintStream previousErr = System.err;
    System.setOut(outLines);
    System.setErr(errLines);
    return () -> {
      System.setOut(previousOut);
      System.setErr(previousErr);
      outSink.drain();
      errSink.drain();
      endStatus();
    };
  }

  private void write(PrintStream target, String text) {
    List<String> block = drawn;
    if (terminal) {
      erase();
    }
    target.println(text);
    target.flush();
    if (terminal) {
      draw(block);
    }
  }

  private void erase() {
    if (drawn.isEmpty()) {
      return;
    }
    StringBuilder s = new StringBuilder(CLEAR_LINE);
    for (int i = 1; i < drawn.size(); i++) {
      s.append(UP).append(CLEAR_LINE);
    }
    out.print(s);
    out.flush();
    drawn = List.of();
  }

  /** Draws the block without a final newline, so that the cursor stays on its last line. */
  private void draw(List<String> lines) {
    if (lines.isEmpty()) {
      return;
    }
    out.print(String.join("\n", lines));
    out.flush();
    drawn = List.copyOf(lines);
  }

  /** Collects bytes up to each newline and prints the line through the console. */
  private final class LineSink extends OutputStream {

    private final boolean toErr;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

    LineSink(boolean toErr) {
      this.toErr = toErr;
    }

    @Override
    public void write(int b) {
      synchronized (Console.this) {
        if (b == '\n') {
          emit();
        } else {
          pending.write(b);
        }
      }
    }

    /** Prints a partial line left at the end (nothing when there is none). */
    void drain() {
      synchronized (Console.this) {
        if (pending.size() > 0) {
          emit();
        }
      }
    }

    private void emit() {
      synchronized (Console.this) {
        String line = pending.toString(StandardCharsets.UTF_8);
        pending.reset();
        Console.this.write(toErr ? err : out, line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
      }
    }

    @Override
    public void write(byte[] b, int off, int len) {
      synchronized (Console.this) {
        for (int i = off; i < off + len; i++) {
          write(b[i]);
        }
      }
    }

    @Override
    public void flush() {
      // a partial line waits for its newline: printing it now would put it under the status block
    }
  }
}
