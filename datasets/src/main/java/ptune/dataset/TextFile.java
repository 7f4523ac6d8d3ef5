package ptune.dataset;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Reads a UTF-8 data file as lines. Strips a leading byte-order mark (GLUE's MRPC files start with
 * one, which would otherwise glue itself to the first header name) and gunzips {@code .gz} files
 * (the CoNLL-2005 release ships its columns gzipped).
 */
public final class TextFile {

  private static final char BYTE_ORDER_MARK = '\uFEFF';

  private TextFile() {}

  public static List<String> readLines(Path file) {
    try (BufferedReader reader = open(file)) {
      List<String> lines = new ArrayList<>(reader.lines().toList());
      if (!lines.isEmpty()) {
        lines.set(0, withoutByteOrderMark(lines.get(0)));
      }
      return lines;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /** The first line of a file without its byte-order mark, for callers reading lines themselves. */
  public static String withoutByteOrderMark(String firstLine) {
    return !firstLine.isEmpty() && firstLine.charAt(0) == BYTE_ORDER_MARK ? firstLine.substring(1) : firstLine;
  }

  private static BufferedReader open(Path file) throws IOException {
    InputStream in = Files.newInputStream(file);
    if (file.getFileName().toString().endsWith(".gz")) {
      in = new GZIPInputStream(in);
    }
    return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
  }
}
