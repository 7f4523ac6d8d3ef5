package ptune.testing;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import ptune.cli.Ptune;

/**
 * Runs {@code ptune} in-process as a user would, capturing the exit code and what it printed (the
 * jobs module's test-jar gives it to the tests module too).
 */
public record CommandLine(int exitCode, String out, String err) {

  public static synchronized CommandLine run(String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try (PrintStream o = new PrintStream(new TeeStream(out, oldOut), true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(new TeeStream(err, oldErr), true, StandardCharsets.UTF_8)) {
      System.setOut(o);
      System.setErr(e);
      int code = Ptune.run(args);
      return new CommandLine(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }

  /** The first line of standard error that starts with "error: ". */
  public String error() {
    return err.lines().filter(l -> l.startsWith("error: ")).findFirst().orElse("(no error line) " + err);
  }

  /** Captures a stream and still shows it on the console, so a failing test's log says what happened. */
  private static final class TeeStream extends java.io.OutputStream {
    private final java.io.OutputStream copy;
    private final java.io.OutputStream console;

    TeeStream(java.io.OutputStream copy, java.io.OutputStream console) {
      this.copy = copy;
      this.console = console;
    }

    @Override
    public void write(int b) throws java.io.IOException {
      copy.write(b);
      console.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws java.io.IOException {
      copy.write(b, off, len);
      console.write(b, off, len);
    }
  }
}
