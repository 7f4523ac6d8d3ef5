package ptune.dataset.fetch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Unpacks zip (java.util.zip) and tar.gz (a small reader for the ustar layout with GNU long names,
 * which is what the data archives use) into a directory. Entry paths that would escape the
 * directory are rejected.
 */
final class ArchiveUnpacker {

  private static final int BLOCK = 512;

  private ArchiveUnpacker() {}

  static List<Path> unpack(Path archive, ArchiveFormat format, Path into, int stripComponents)
      throws IOException {
    try (InputStream in = Files.newInputStream(archive)) {
      return switch (format) {
        case ZIP -> unzip(in, into, stripComponents);
        case TAR_GZ -> untar(new GZIPInputStream(in), into, stripComponents);
        case FILE -> throw new IllegalArgumentException("not an archive: " + archive);
      };
    }
  }

  private static List<Path> unzip(InputStream in, Path into, int strip) throws IOException {
    List<Path> written = new ArrayList<>();
    try (ZipInputStream zip = new ZipInputStream(in)) {
      for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
        if (!entry.isDirectory()) {
          write(zip, entry.getName(), into, strip, written);
        }
      }
    }
    return written;
  }

  private static List<Path> untar(InputStream in, Path into, int strip) throws IOException {
    List<Path> written = new ArrayList<>();
    String longName = null;
    while (true) {
      byte[] header = in.readNBytes(BLOCK);
      if (header.length < BLOCK || isZero(header)) {
        return written;
      }
      String name = longName != null ? longName : field(header, 345, 155).isEmpty()
          ? field(header, 0, 100) : field(header, 345, 155) + "/" + field(header, 0, 100);
      longName = null;
      long size = Long.parseLong(field(header, 124, 12).isEmpty() ? "0" : field(header, 124, 12), 8);
      char type = (char) header[156];
      InputStream body = new BoundedStream(in, size);
      if (type == 'L') {
        longName = new String(body.readAllBytes(), StandardCharsets.UTF_8).replace("\0", "");
      } else if (type == '0' || type == '\0') {
        write(body, name, into, strip, written);
      }
      body.skip(size);
      in.skipNBytes((BLOCK - size % BLOCK) % BLOCK);
    }
  }

  private static void write(InputStream content, String name, Path into, int strip, List<Path> written)
      throws IOException {
    String[] parts = name.split("/");
    if (parts.length <= strip) {
      return;
    }
    Path target = into.resolve(String.join("/", Arrays.copyOfRange(parts, strip, parts.length))).normalize();
    if (!target.startsWith(into.normalize())) {
      throw new IOException("archive entry escapes the target directory: " + name);
    }
    Files.createDirectories(target.getParent());
    Files.copy(content, target, StandardCopyOption.REPLACE_EXISTING);
    written.add(target);
  }

  private static String field(byte[] header, int offset, int length) {
    int end = offset;
    while (end < offset + length && header[end] != 0) {
      end++;
    }
    return new String(header, offset, end - offset, StandardCharsets.US_ASCII).trim();
  }

  private static boolean isZero(byte[] block) {
    for (byte b : block) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }

  /** The next {@code remaining} bytes of a tar entry; skipping what is left keeps the stream aligned. */
  private static final class BoundedStream extends InputStream {
    private final InputStream in;
    private long remaining;

    BoundedStream(InputStream in, long size) {
      this.in = in;
      this.remaining = size;
    }

    @Override
    public int read() throws IOException {
      if (remaining == 0) {
        return -1;
      }
      int b = in.read();
      if (b >= 0) {
        remaining--;
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      if (remaining == 0) {
        return -1;
      }
      int n = in.read(buffer, offset, (int) Math.min(length, remaining));
      if (n > 0) {
        remaining -= n;
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      long toSkip = Math.min(n, remaining);
      in.skipNBytes(toSkip);
      remaining -= toSkip;
      return toSkip;
    }

    @Override
    public void close() {
      // The archive stream stays open for the next entry.
    }
  }
}
