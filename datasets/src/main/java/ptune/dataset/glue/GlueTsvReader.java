package ptune.dataset.glue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import ptune.dataset.BadRecords;
import ptune.dataset.DatasetFormatException;
import ptune.dataset.DatasetReader;
import ptune.dataset.Example;
import ptune.dataset.Label;
import ptune.dataset.LabelSet;
import ptune.dataset.LineRecords;
import ptune.dataset.ReadOptions;
import ptune.dataset.ReadResult;
import ptune.dataset.RecordProblem;
import ptune.dataset.SentencePairExample;
import ptune.dataset.TextFile;

/**
 * Reads GLUE's tab-separated files. Fields are split on tabs only, with no quote handling, because
 * GLUE text contains unbalanced quotes (this is how the GLUE loaders read them too).
 */
public final class GlueTsvReader implements DatasetReader, LineRecords {

  private final GlueColumns columns;
  private final LabelSet labels;
  private final boolean regression;

  /**
   * @param labels class names for classification; ignored when {@code regression}
   */
  public GlueTsvReader(GlueColumns columns, LabelSet labels, boolean regression) {
    this.columns = columns;
    this.labels = labels;
    this.regression = regression;
  }

  @Override
  public ReadResult read(List<Path> files, ReadOptions options) {
    BadRecords bad = new BadRecords(options);
    List<Example> examples = new ArrayList<>();
    for (Path file : files) {
      readFile(file, bad, examples);
    }
    return new ReadResult(examples, bad.skipped());
  }

  private void readFile(Path file, BadRecords bad, List<Example> examples) {
    List<String> lines = TextFile.readLines(file);
    if (columns.hasHeader() && lines.isEmpty()) {
      throw new DatasetFormatException(file, 1, null, "empty file, expected a header");
    }
    List<String> headerLines = lines.subList(0, headerLines());
    String missing = Columns.of(header(headerLines), columns).missing();
    if (missing != null) {
      throw new DatasetFormatException(file, 1, missing, "column missing from header " + header(headerLines));
    }
    for (int i = headerLines(); i < lines.size(); i++) {
      try {
        examples.addAll(parse(headerLines, i - headerLines(), lines.get(i)));
      } catch (RecordProblem problem) {
        bad.handle(new DatasetFormatException(file, i + 1, problem));
      }
    }
  }

  @Override
  public int headerLines() {
    return columns.hasHeader() ? 1 : 0;
  }

  @Override
  public List<Example> parse(List<String> headerLines, long index, String line) {
    if (line.isEmpty()) {
      return List.of();
    }
    List<String> header = header(headerLines);
    Columns at = Columns.of(header, columns);
    if (at.missing() != null) {
      throw new RecordProblem(at.missing(), "column missing from header " + header);
    }
    List<String> fields = split(line);
    if (fields.size() < header.size()) {
      throw new RecordProblem(
          null, "expected " + header.size() + " tab-separated columns, got " + fields.size());
    }
    String rowId = at.id >= 0 ? fields.get(at.id) : String.valueOf(index);
    Label gold = at.label >= 0 ? parseLabel(fields.get(at.label), header.get(at.label)) : Label.UNLABELED;
    return List.of(new SentencePairExample(
        rowId, fields.get(at.textA), at.textB >= 0 ? fields.get(at.textB) : null, gold));
  }

  private List<String> header(List<String> headerLines) {
    return columns.hasHeader() ? split(headerLines.get(0)) : columns.implicitHeader();
  }

  /**
   * Where the configured columns sit in a file's header (-1 when absent; label and id are optional)
   * and the first required text column it lacks, or null.
   */
  private record Columns(int textA, int textB, int label, int id, String missing) {
    static Columns of(List<String> header, GlueColumns columns) {
      int textA = header.indexOf(columns.textAColumn());
      int textB = columns.textBColumn() == null ? -1 : header.indexOf(columns.textBColumn());
      String missing = textA < 0 ? columns.textAColumn()
          : columns.textBColumn() != null && textB < 0 ? columns.textBColumn() : null;
      return new Columns(textA, textB, header.indexOf(columns.labelColumn()),
          columns.idColumn() == null ? -1 : header.indexOf(columns.idColumn()), missing);
    }
  }

  private Label parseLabel(String value, String field) {
    if (!regression) {
      return Label.category(labels.indexOf(value, field));
    }
    try {
      return Label.score(Double.parseDouble(value));
    } catch (NumberFormatException e) {
      throw new RecordProblem(field, "expected a number, got '" + value + "'");
    }
  }

  private static List<String> split(String line) {
    return Arrays.asList(line.split("\t", -1));
  }
}
