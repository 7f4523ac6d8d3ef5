package ptune.dataset.ner;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import ptune.dataset.ColumnBlock;
import ptune.dataset.DatasetFormatException;
import ptune.dataset.DatasetReader;
import ptune.dataset.LabelSet;
import ptune.dataset.ReadOptions;
import ptune.dataset.ReadResult;
import ptune.dataset.RecordProblem;
import ptune.dataset.SentenceExamples;
import ptune.dataset.TextFile;
import ptune.dataset.TokenTaggingExample;

/**
 * A CoNLL-style column file: one token per line, the word and its tag in given columns, blank lines
 * between sentences, optional document separator lines (CoNLL-2003's "-DOCSTART-"). Tags are read
 * in the file's {@link TagScheme} and kept as BIO; a tag outside the task's labels fails the read
 * at its line. CoNLL-2003 is this reader with space-separated columns, word 0, tag 3 and IOB1.
 *
 * @param labels the task's BIO tags
 * @param separator tabs or runs of spaces
 * @param documentSeparator lines starting with it are dropped; null: none
 */
public record ConllColumnsReader(LabelSet labels, Separator separator, int wordColumn, int tagColumn,
    TagScheme scheme, String documentSeparator) implements DatasetReader {

  /** How a line splits into columns. */
  public enum Separator {
    TAB(Pattern.compile("\t")),
    SPACES(Pattern.compile(" +"));

    private final Pattern pattern;

    Separator(Pattern pattern) {
      this.pattern = pattern;
    }

    public Pattern pattern() {
      return pattern;
    }
  }

  @Override
  public ReadResult read(List<Path> files, ReadOptions options) {
    SentenceExamples examples = new SentenceExamples(options);
    for (Path file : files) {
      // Ids number the kept sentences over all files, not a sentence's position in its file.
      examples.addAll(file, sentences(file), (sentence, s) -> List.of(toExample(sentence, file, examples.count())));
    }
    return examples.result();
  }

  /** The file's sentences, split into columns. */
  public List<ColumnBlock> sentences(Path file) {
    return ColumnBlock.split(TextFile.readLines(file), separator.pattern(), line -> false,
        line -> documentSeparator != null && line.startsWith(documentSeparator));
  }

  /** One sentence's tags in BIO, failing at the line of a malformed one. */
  public List<String> bioTags(ColumnBlock sentence, Path file) {
    List<String> tags = new ArrayList<>();
    for (ColumnBlock.Row row : sentence.rows()) {
      try {
        tags.add(row.column(tagColumn, "tag"));
        scheme.toBio(List.of(tags.get(tags.size() - 1)), "tag"); // fails at this line, not the sentence's first
      } catch (RecordProblem problem) {
        throw new DatasetFormatException(file, row.line(), problem);
      }
    }
    return scheme.toBio(tags, "tag");
  }

  private TokenTaggingExample toExample(ColumnBlock sentence, Path file, int index) {
    List<String> words = new ArrayList<>();
    for (ColumnBlock.Row row : sentence.rows()) {
      try {
        words.add(row.column(wordColumn, "word"));
      } catch (RecordProblem problem) {
        throw new DatasetFormatException(file, row.line(), problem);
      }
    }
    List<String> bio = bioTags(sentence, file);
    for (int i = 0; i < bio.size(); i++) {
      try {
        NerTagCheck.known(labels, bio.get(i), "tag");
      } catch (RecordProblem problem) {
        throw new DatasetFormatException(file, sentence.rows().get(i).line(), problem);
      }
    }
    return new TokenTaggingExample(String.valueOf(index), words, bio, TokenTaggingExample.NO_PREDICATE);
  }
}
