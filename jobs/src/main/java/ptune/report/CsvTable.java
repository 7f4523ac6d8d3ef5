package ptune.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A CSV file with a header row read into rows by column name: the tables' {@code results.csv} and
 * the sweeps' {@code trials.csv} (RFC 4180 quoting: fields with commas, quotes or newlines in double
 * quotes, quotes doubled).
 */
record CsvTable(Path file, List<Map<String, String>> rows) {

  static CsvTable read(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
    }
    List<List<String>> records = parse(text, file);
    if (records.isEmpty()) {
      throw new IllegalArgumentException(file + ": empty, expected a header row");
    }
    List<String> header = records.get(0);
    List<Map<String, String>> rows = new ArrayList<>();
    for (int i = 1; i < records.size(); i++) {
      List<String> fields = records.get(i);
      if (fields.size() != header.size()) {
        throw new IllegalArgumentException(file + ": record " + (i + 1) + " has " + fields.size()
            + " fields, the header " + header.size());
      }
      Map<String, String> row = new HashMap<>();
      for (int c = 0; c < header.size(); c++) {
        row.put(header.get(c), fields.get(c));
      }
      rows.add(row);
    }
    return new CsvTable(file, List.copyOf(rows));
  }

  private static List<List<String>> parse(String text, Path file) {
    List<List<String>> records = new ArrayList<>();
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char ch = text.charAt(i);
      if (quoted) {
        if (ch == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (ch == '"') {
          quoted = false;
        } else {
          field.append(ch);
        }
      } else if (ch == '"') {
        quoted = true;
      } else if (ch == ',') {
        fields.add(field.toString());
        field.setLength(0);
      } else if (ch == '\n') {
        fields.add(field.toString());
        field.setLength(0);
        records.add(fields);
        fields = new ArrayList<>();
      } else if (ch != '\r') {
        field.append(ch);
      }
    }
    if (quoted) {
      throw new IllegalArgumentException(file + ": a quoted field is not closed");
    }
    if (field.length() > 0 || !fields.isEmpty()) {
      fields.add(field.toString());
      records.add(fields);
    }
    return records;
  }
}
