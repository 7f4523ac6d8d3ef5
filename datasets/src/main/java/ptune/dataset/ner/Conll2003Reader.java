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
 * CoNLL-2003 English: "word POS chunk NER" per line, blank lines between sentences, "-DOCSTART-"
 * lines between documents. The release's IOB1 tags are converted to BIO, the scheme of the data
 * P-tuning v2 trains on.
 */
public final class Conll2003Reader implements DatasetReader {

  private static final Pattern SPACES = Pattern.compile(" +");
  private static final int WORD = 0;
  private static final int NER = 3;

  private final LabelSet labels;

  public Conll2003Reader(LabelSet labels) {
    this.labels = labels;
  }

  @Override
  public ReadResult read(List<Path> files, ReadOptions options) {
    SentenceExamples examples = new SentenceExamples(options);
    for (Path file : files) {
      List<ColumnBlock> sentences =
          ColumnBlock.split(
              TextFile.readLines(file), SPACES, line -> false, line -> line.startsWith("-DOCSTART-"));
      // Ids number the kept sentences over all files, not a sentence's position in its file.
      examples.addAll(
          file, sentences, (sentence, s) -> List.of(toExample(sentence, file, examples.count())));
    }
    return examples.result();
  }

  private TokenTaggingExample toExample(ColumnBlock sentence, Path file, int index) {
    List<String> words = new ArrayList<>();
    List<String> iob1 = new ArrayList<>();
    for (ColumnBlock.Row row : sentence.rows()) {
      try {
        words.add(row.column(WORD, "word"));
        iob1.add(row.column(NER, "ner"));
      } catch (RecordProblem problem) {
        throw new DatasetFormatException(file, row.line(), problem);
      }
    }
    List<String> bio = Iob1ToBio.convert(iob1);
    for (int i = 0; i < bio.size(); i++) {
      try {
        NerTagCheck.known(labels, bio.get(i), "ner");
      } catch (RecordProblem problem) {
        throw new DatasetFormatException(file, sentence.rows().get(i).line(), problem);
      }
    }
    return new TokenTaggingExample(
        String.valueOf(index), words, bio, TokenTaggingExample.NO_PREDICATE);
  }
}
