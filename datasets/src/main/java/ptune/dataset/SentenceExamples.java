package ptune.dataset;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The examples of a column-format split, collected one sentence block at a time. A sentence that
 * does not parse fails the read or is skipped whole, as the {@link ReadOptions} say, so the readers
 * only say how a file splits into sentences and how one sentence becomes examples.
 */
public final class SentenceExamples {

  /** Turns one sentence into its examples (one for NER, one per predicate for SRL). */
  @FunctionalInterface
  public interface SentenceParser {
    /**
     * @param index the sentence's position among its file's sentences
     * @throws RecordProblem reported at the sentence's first line
     * @throws DatasetFormatException when the parser knows the exact line
     */
    List<? extends Example> parse(ColumnBlock sentence, int index);
  }

  private final BadRecords bad;
  private final List<Example> examples = new ArrayList<>();

  public SentenceExamples(ReadOptions options) {
    this.bad = new BadRecords(options);
  }

  public void addAll(Path file, List<ColumnBlock> sentences, SentenceParser parser) {
    for (int s = 0; s < sentences.size(); s++) {
      ColumnBlock sentence = sentences.get(s);
      try {
        examples.addAll(parser.parse(sentence, s));
      } catch (RecordProblem problem) {
        bad.handle(new DatasetFormatException(file, sentence.firstLine(), problem));
      } catch (DatasetFormatException problem) {
        bad.handle(problem);
      }
    }
  }

  /** Examples kept so far, over all files. */
  public int count() {
    return examples.size();
  }

  public ReadResult result() {
    return new ReadResult(examples, bad.skipped());
  }
}
