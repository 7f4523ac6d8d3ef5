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
import ptune.dataset.ReadOptions;
import ptune.dataset.ReadResult;
import ptune.dataset.RecordProblem;
import ptune.dataset.SentencePairExample;
import ptune.dataset.TextFile;

/**
 * Reads GLUE's tab-separated files. Fields are split on tabs only, with no quote handling, because
 * GLUE text contains unbalanced quotes (this is how the GLUE loaders read them too).
 */
public final class GlueTsvReader implements DatasetReader {

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
    List<String> header = columns.hasHeader() ? split(lines.get(0)) : columns.implicitHeader();
    int firstRow = columns.hasHeader() ? 1 : 0;
    int textA = requiredColumn(header, columns.textAColumn(), file);
    int textB = columns.textBColumn() == null ? -1 : requiredColumn(header, columns.textBColumn(), file);
    int label = header.indexOf(columns.labelColumn());
    int id = columns.idColumn() == null ? -1 : header.indexOf(columns.idColumn());
    for (int i = firstRow; i < lines.size(); i++) {
      if (lines.get(i).isEmpty()) {
        continue;
      }
      try {
        List<String> fields = split(lines.get(i));
        if (fields.size() < header.size()) {
          throw new RecordProblem(
              null, "expected " + header.size() + " tab-separated columns, got " + fields.size());
        }
        String rowId = id >= 0 ? fields.get(id) : String.valueOf(i - firstRow);
        Label gold = label >= 0 ? parseLabel(fields.get(label), header.get(label)) : Label.UNLABELED;
        examples.add(
            new SentencePairExample(
                rowId, fields.get(textA), textB >= 0 ? fields.get(textB) : null, gold));
      } catch (RecordProblem problem) {
        bad.handle(new DatasetFormatException(file, i + 1, problem));
      }
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

  private static int requiredColumn(List<String> header, String name, Path file) {
    int index = header.indexOf(name);
    if (index < 0) {
      throw new DatasetFormatException(file, 1, name, "column missing from header " + header);
    }
    return index;
  }

  private static List<String> split(String line) {
    return Arrays.asList(line.split("\t", -1));
  }
}
