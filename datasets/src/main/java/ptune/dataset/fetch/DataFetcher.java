package ptune.dataset.fetch;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalLong;

/**
 * Downloads a collection into the data dir. Each file is streamed to a staging directory
 * ({@code <data dir>/.fetch-staging}), checked against its SHA-256, and only then moved (atomically)
 * or unpacked into place, so the data dir never holds a partial or unverified file. A transfer that
 * stops short of its Content-Length is resumed with a Range request when the server supports it,
 * and restarted otherwise, up to {@code attempts} times.
 */
public final class DataFetcher {

  private static final String STAGING = ".fetch-staging";

  private final HttpClient http;
  private final Path dataDir;
  private final int attempts;

  public DataFetcher(Path dataDir, int attempts) {
    this.http = HttpClient.newBuilder()
        .followRedirects(HttpClient.Redirect.NORMAL)
        .connectTimeout(Duration.ofSeconds(30))
        .build();
    this.dataDir = dataDir;
    this.attempts = attempts;
  }

  public DataFetcher(Path dataDir) {
    this(dataDir, 3);
  }

  public List<FetchedFile> fetch(Manifest manifest) {
    List<FetchedFile> fetched = new ArrayList<>();
    for (ManifestEntry entry : manifest.entries()) {
      fetched.add(fetch(manifest.url(entry), entry));
    }
    return fetched;
  }

  private FetchedFile fetch(URI url, ManifestEntry entry) {
    Path staging = dataDir.resolve(STAGING);
    Path partial = staging.resolve(entry.fileName() + ".part");
    try {
      Files.createDirectories(staging);
      Files.deleteIfExists(partial);
      download(url, partial);
      String digest = sha256(partial);
      if (entry.sha256() != null && !entry.sha256().equalsIgnoreCase(digest)) {
        throw new ChecksumMismatchException(url, entry.sha256(), digest);
      }
      List<Path> installed = install(partial, entry);
      return new FetchedFile(url, digest, entry.sha256() != null, installed);
    } catch (IOException e) {
      throw new FetchException(url, e.getMessage(), e);
    } finally {
      deleteQuietly(partial);
      deleteQuietly(staging);
    }
  }

  /** Downloads into {@code partial}, resuming after interruptions. */
  private void download(URI url, Path partial) throws IOException {
    long expected = -1;
    for (int attempt = 1; attempt <= attempts; attempt++) {
      long have = Files.exists(partial) ? Files.size(partial) : 0;
      HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(Duration.ofMinutes(10)).GET();
      if (have > 0) {
        request.header("Range", "bytes=" + have + "-");
      }
      HttpResponse<InputStream> response = send(url, request.build());
      int status = response.statusCode();
      boolean resumed = status == 206;
      if (status != 200 && !resumed) {
        response.body().close();
        throw new FetchException(url, "HTTP status " + status);
      }
      OptionalLong length = response.headers().firstValueAsLong("Content-Length");
      long start = resumed ? have : 0;
      if (length.isPresent()) {
        expected = start + length.getAsLong();
      }
      long received = start + copy(response.body(), partial, resumed);
      if (expected < 0 || received == expected) {
        return;
      }
      if (attempt == attempts) {
        throw new IncompleteTransferException(url, received, expected, attempts);
      }
    }
  }

  private HttpResponse<InputStream> send(URI url, HttpRequest request) throws IOException {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FetchException(url, "interrupted", e);
    }
  }

  /** Copies what arrives; a connection dropped mid-body just ends the copy early. */
  private static long copy(InputStream body, Path partial, boolean append) throws IOException {
    long copied = 0;
    StandardOpenOption mode = append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING;
    try (InputStream in = body;
        OutputStream out = Files.newOutputStream(partial, StandardOpenOption.CREATE, StandardOpenOption.WRITE, mode)) {
      byte[] buffer = new byte[1 << 16];
      for (int n; (n = in.read(buffer)) >= 0; ) {
        out.write(buffer, 0, n);
        copied += n;
      }
    } catch (IOException dropped) {
      // The byte count tells the caller how far the transfer got; it resumes or reports it.
    }
    return copied;
  }

  private List<Path> install(Path verified, ManifestEntry entry) throws IOException {
    Path target = dataDir.resolve(entry.targetDir());
    Files.createDirectories(target);
    if (entry.format() == ArchiveFormat.FILE) {
      Path destination = target.resolve(entry.fileName());
      Files.move(verified, destination, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      return List.of(destination);
    }
    // Unpack next to the target first so that a broken archive leaves the target untouched.
    Path unpacked = Files.createTempDirectory(verified.getParent(), "unpack");
    try {
      List<Path> staged = ArchiveUnpacker.unpack(verified, entry.format(), unpacked, entry.stripComponents());
      List<Path> installed = new ArrayList<>();
      for (Path file : staged) {
        Path destination = target.resolve(unpacked.relativize(file).toString());
        Files.createDirectories(destination.getParent());
        Files.move(file, destination, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        installed.add(destination);
      }
      return installed;
    } finally {
      deleteQuietly(unpacked);
    }
  }

  static String sha256(Path file) throws IOException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
      in.transferTo(OutputStream.nullOutputStream());
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /** Removes a file or a directory tree, if it exists and (for directories) once empty of files. */
  private static void deleteQuietly(Path path) {
    if (!Files.exists(path)) {
      return;
    }
    try (var walk = Files.walk(path)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException | UncheckedIOException e) {
      // Leftovers sit in the staging directory only and are replaced by the next fetch.
    }
  }
}
