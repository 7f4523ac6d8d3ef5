package ptune.tables;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's {@code chromium} in headless mode, started per page with a fresh profile and everything
 * that would reach the network switched off. What the page logs to its console ends up on stderr as
 * {@code :CONSOLE} lines ({@code --enable-logging=stderr}).
 */
final class HeadlessChromium {

  /** What one run gave: the serialized DOM (for --dump-dom) and the page's console messages. */
  record Page(String dom, List<String> console, String stderr) {}

  private final Path binary;

  private HeadlessChromium(Path binary) {
    this.binary = binary;
  }

  /** The chromium on PATH, or null when there is none. */
  static HeadlessChromium find() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      for (String name : List.of("chromium", "chromium-browser")) {
        Path p = Path.of(dir, name);
        if (Files.isExecutable(p)) {
          return new HeadlessChromium(p);
        }
      }
    }
    return null;
  }

  /** Loads {@code page} and returns its rendered DOM and console messages. */
  Page dumpDom(Path page, Path work) throws IOException, InterruptedException {
    return run(page, work, List.of("--dump-dom"));
  }

  /** Loads {@code page} and saves a screenshot of the window's first {@code height} pixels. */
  Page screenshot(Path page, Path work, Path png, int width, int height) throws IOException, InterruptedException {
    return run(page, work, List.of("--screenshot=" + png.toAbsolutePath(), "--window-size=" + width + "," + height,
        "--hide-scrollbars"));
  }

  private Page run(Path page, Path work, List<String> action) throws IOException, InterruptedException {
    Path profile = Files.createTempDirectory(Files.createDirectories(work), "chromium-profile-");
    List<String> command = new ArrayList<>(List.of(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--user-data-dir=" + profile.toAbsolutePath(), "--enable-logging=stderr", "--v=0"));
    command.addAll(action);
    command.add(page.toAbsolutePath().toUri().toString());
    Path out = work.resolve("chromium-stdout.txt");
    Path err = work.resolve("chromium-stderr.txt");
    Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException("chromium did not finish within 120 s: " + command);
    }
    String stderr = Files.readString(err, StandardCharsets.UTF_8);
    if (p.exitValue() != 0) {
      throw new IOException("chromium exited with " + p.exitValue() + ": " + command + "\n" + stderr);
    }
    List<String> console = stderr.lines().filter(l -> l.contains(":CONSOLE") || l.contains("Uncaught")).toList();
    return new Page(Files.readString(out, StandardCharsets.UTF_8), console, stderr);
  }
}
