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
      List<String> lines = reader.lines().toList();
      if (!lines.isEmpty() && !lines.get(0).isEmpty() && lines.get(0).charAt(0) == BYTE_ORDER_MARK) {
        lines = new ArrayList<>(lines);
        lines.set(0, lines.get(0).substring(1));
      }
      return lines;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private static BufferedReader open(Path file) throws IOException {
    InputStream in = Files.newInputStream(file);
    if (file.getFileName().toString().endsWith(".gz")) {
      in = new GZIPInputStream(in);
    }
    return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
  }
}
