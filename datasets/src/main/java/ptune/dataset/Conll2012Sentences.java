package ptune.dataset;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Sentences of a CoNLL-2012 (OntoNotes 5.0) "*_conll" file: whitespace-separated columns
 * (document, part, word number, word, POS, parse, lemma, frameset, sense, speaker, named entities,
 * one column per predicate, coreference), blank lines between sentences and "#begin document" /
 * "#end document" lines around documents.
 */
public final class Conll2012Sentences {

  public static final int WORD = 3;
  public static final int NAMED_ENTITIES = 10;
  public static final int FIRST_PREDICATE = 11;
  /** Columns besides the predicate columns: ten before the entities, the entities, coreference. */
  public static final int FIXED_COLUMNS = 12;

  private static final Pattern WHITESPACE = Pattern.compile("\\s+");

  private Conll2012Sentences() {}

  public static List<ColumnBlock> read(Path file) {
    return ColumnBlock.split(
        TextFile.readLines(file), WHITESPACE, line -> false, line -> line.startsWith("#"));
  }

  /** Sentence id as the document id, part and sentence number within the file. */
  public static String id(ColumnBlock sentence, int index) {
    String[] first = sentence.rows().get(0).columns();
    return first.length > 1 ? first[0] + "/" + first[1] + "/" + index : String.valueOf(index);
  }

  /**
   * @throws DatasetFormatException when rows disagree on the column count, which would shift every
   *     predicate column
   */
  public static int predicateColumns(ColumnBlock sentence, Path file) {
    int width = sentence.rows().get(0).columns().length;
    for (ColumnBlock.Row row : sentence.rows()) {
      int columns = row.columns().length;
      if (columns < FIXED_COLUMNS) {
        throw new DatasetFormatException(
            file, row.line(), null, "expected at least " + FIXED_COLUMNS + " columns, got " + columns);
      }
      if (columns != width) {
        throw new DatasetFormatException(
            file, row.line(), null, "expected " + width + " columns like the sentence's first line, got " + columns);
      }
    }
    return width - FIXED_COLUMNS;
  }

  public static List<String> column(ColumnBlock sentence, int index) {
    return sentence.rows().stream().map(row -> row.columns()[index]).toList();
  }
}
