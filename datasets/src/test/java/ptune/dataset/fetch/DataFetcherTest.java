package ptune.dataset.fetch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ptune.dataset.Split;
import ptune.tasks.TaskRegistry;
import ptune.testing.TestData;

/** Downloads from a local HTTP server serving (archives of) the shared data files. */
class DataFetcherTest {

  @TempDir Path work;

  private HttpServer server;
  private URI base;
  private final Map<String, byte[]> files = new ConcurrentHashMap<>();
  /** Paths whose first response is cut short; later requests with a Range header get the rest. */
  private final Map<String, Boolean> cutFirstResponse = new ConcurrentHashMap<>();
  /** Paths that are always cut short. */
  private final Map<String, Boolean> alwaysCut = new ConcurrentHashMap<>();
  private final AtomicInteger requests = new AtomicInteger();

  @BeforeEach
  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::serve);
    server.start();
    base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/data/");
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  private void serve(HttpExchange exchange) throws IOException {
    requests.incrementAndGet();
    String name = exchange.getRequestURI().getPath().substring("/data/".length());
    byte[] body = files.get(name);
    if (body == null) {
      exchange.sendResponseHeaders(404, -1);
      exchange.close();
      return;
    }
    String range = exchange.getRequestHeaders().getFirst("Range");
    if (range != null) {
      int from = Integer.parseInt(range.substring("bytes=".length(), range.length() - 1));
      exchange.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + (body.length - 1) + "/" + body.length);
      exchange.sendResponseHeaders(206, body.length - from);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body, from, body.length - from);
      }
      return;
    }
    boolean cut = alwaysCut.containsKey(name) || cutFirstResponse.remove(name) != null;
    // Announce the whole length; when cutting, send half and drop the connection.
    exchange.sendResponseHeaders(200, body.length);
    OutputStream out = exchange.getResponseBody();
    if (cut) {
      out.write(body, 0, body.length / 2);
      out.flush();
      exchange.close();
    } else {
      out.write(body);
      out.close();
    }
  }

  private static byte[] zip(Map<String, Path> entries) throws IOException {
    var bytes = new java.io.ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      for (var entry : entries.entrySet()) {
        zip.putNextEntry(new ZipEntry(entry.getKey()));
        zip.write(Files.readAllBytes(entry.getValue()));
        zip.closeEntry();
      }
    }
    return bytes.toByteArray();
  }

  private String sha256Of(byte[] bytes) throws IOException {
    Path file = Files.write(work.resolve("digest-input"), bytes);
    return DataFetcher.sha256(file);
  }

  private Path dataDir() throws IOException {
    return Files.createDirectories(work.resolve("data"));
  }

  @Test
  void downloadsVerifiesAndUnpacksAZipIntoTheTaskLayout() throws IOException {
    Path train = TestData.file("superglue/CB/train.jsonl");
    Path val = TestData.file("superglue/CB/val.jsonl");
    byte[] archive = zip(Map.of("CB/train.jsonl", train, "CB/val.jsonl", val));
    files.put("CB.zip", archive);
    Manifest manifest = new Manifest("superglue", URI.create("https://example.invalid/"),
        List.of(new ManifestEntry("CB.zip", sha256Of(archive), ArchiveFormat.ZIP, "superglue", 0)));

    List<FetchedFile> fetched = new DataFetcher(dataDir()).fetch(manifest.withBaseUrl(base));

    assertTrue(fetched.get(0).verified());
    assertEquals(2, fetched.get(0).installed().size());
    Path installedTrain = dataDir().resolve("superglue/CB/train.jsonl");
    assertArrayEquals(Files.readAllBytes(train), Files.readAllBytes(installedTrain));
    // The installed layout is what the task registry reads.
    assertEquals(250, TaskRegistry.get("cb").load(Split.TRAIN, dataDir()).size());
    assertFalse(Files.exists(dataDir().resolve(".fetch-staging")), "staging is cleaned up");
  }

  @Test
  void unknownDigestIsReportedForRecording() throws IOException {
    Path dev = TestData.file("glue/RTE/dev.tsv");
    files.put("RTE/dev.tsv", Files.readAllBytes(dev));
    Manifest manifest = new Manifest("glue", base, List.of(ManifestEntry.file("RTE/dev.tsv", null, "glue/RTE")));

    FetchedFile fetched = new DataFetcher(dataDir()).fetch(manifest).get(0);

    assertFalse(fetched.verified());
    assertEquals(DataFetcher.sha256(dev), fetched.sha256());
    assertArrayEquals(Files.readAllBytes(dev), Files.readAllBytes(dataDir().resolve("glue/RTE/dev.tsv")));
  }

  @Test
  void checksumMismatchFailsAndInstallsNothing() throws IOException {
    files.put("dev.tsv", Files.readAllBytes(TestData.file("glue/RTE/dev.tsv")));
    String wrong = "0".repeat(64);
    Manifest manifest = new Manifest("glue", base, List.of(ManifestEntry.file("dev.tsv", wrong, "glue/RTE")));

    ChecksumMismatchException error =
        assertThrows(ChecksumMismatchException.class, () -> new DataFetcher(dataDir()).fetch(manifest));

    assertTrue(error.getMessage().contains(base + "dev.tsv"), error.getMessage());
    assertTrue(error.getMessage().contains("expected " + wrong), error.getMessage());
    assertFalse(Files.exists(dataDir().resolve("glue/RTE/dev.tsv")));
    assertFalse(Files.exists(dataDir().resolve(".fetch-staging")));
  }

  @Test
  void interruptedTransferNamesUrlAndByteCountsAndLeavesNoPartialFile() throws IOException {
    byte[] body = Files.readAllBytes(TestData.file("superglue/CB/val.jsonl"));
    files.put("val.jsonl", body);
    alwaysCut.put("val.jsonl", true);
    Manifest manifest = new Manifest("superglue", base, List.of(ManifestEntry.file("val.jsonl", null, "superglue/CB")));

    IncompleteTransferException error =
        assertThrows(IncompleteTransferException.class, () -> new DataFetcher(dataDir(), 1).fetch(manifest));

    assertEquals(body.length, error.expected());
    assertEquals(body.length / 2, error.received());
    assertTrue(error.getMessage().contains(base + "val.jsonl"), error.getMessage());
    assertTrue(error.getMessage().contains("received " + body.length / 2 + " of " + body.length + " bytes"),
        error.getMessage());
    assertFalse(Files.exists(dataDir().resolve("superglue/CB/val.jsonl")));
    assertFalse(Files.exists(dataDir().resolve(".fetch-staging")));
  }

  @Test
  void interruptedTransferIsResumedWithARangeRequest() throws IOException {
    byte[] body = Files.readAllBytes(TestData.file("superglue/CB/val.jsonl"));
    files.put("val.jsonl", body);
    cutFirstResponse.put("val.jsonl", true);
    Manifest manifest = new Manifest("superglue", base,
        List.of(ManifestEntry.file("val.jsonl", DataFetcher.sha256(TestData.file("superglue/CB/val.jsonl")), "superglue/CB")));

    FetchedFile fetched = new DataFetcher(dataDir(), 2).fetch(manifest).get(0);

    assertTrue(fetched.verified());
    assertEquals(2, requests.get());
    assertArrayEquals(body, Files.readAllBytes(dataDir().resolve("superglue/CB/val.jsonl")));
  }

  @Test
  void unpacksTarGzWithLeadingComponentsStripped() throws Exception {
    // Build the archive with the system tar, the way the CoNLL-2005 release was packed.
    Path release = work.resolve("src/conll05st-release/test.brown/words");
    Files.createDirectories(release);
    Path words = TestData.file("srl/conll2005_public_brown/test.brown/words/test.brown.words.gz");
    Files.copy(words, release.resolve("test.brown.words.gz"));
    Path archive = work.resolve("conll05st-tests.tar.gz");
    Process tar = new ProcessBuilder("tar", "czf", archive.toString(), "-C", work.resolve("src").toString(),
        "conll05st-release").inheritIO().start();
    assertEquals(0, tar.waitFor());
    files.put("conll05st-tests.tar.gz", Files.readAllBytes(archive));
    Manifest manifest = OfficialManifests.conll05Tests().withBaseUrl(base);

    new DataFetcher(dataDir()).fetch(manifest);

    assertArrayEquals(Files.readAllBytes(words),
        Files.readAllBytes(dataDir().resolve("srl/conll2005_public_brown/test.brown/words/test.brown.words.gz")));
  }
}
