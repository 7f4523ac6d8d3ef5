package ptune.dataset.srl;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import ptune.dataset.BadRecords;
import ptune.dataset.ColumnBlock;
import ptune.dataset.Conll2012Sentences;
import ptune.dataset.DatasetFormatException;
import ptune.dataset.DatasetReader;
import ptune.dataset.Example;
import ptune.dataset.LabelSet;
import ptune.dataset.ReadOptions;
import ptune.dataset.ReadResult;
import ptune.dataset.RecordProblem;

/**
 * CoNLL-2012 propositions: each predicate column of a sentence is one example. The predicate is the
 * word whose cell in that column is "(V*)".
 */
public final class Conll2012SrlReader implements DatasetReader {

  private final LabelSet labels;

  public Conll2012SrlReader(LabelSet labels) {
    this.labels = labels;
  }

  @Override
  public ReadResult read(List<Path> files, ReadOptions options) {
    BadRecords bad = new BadRecords(options);
    List<Example> examples = new ArrayList<>();
    for (Path file : files) {
      List<ColumnBlock> sentences = Conll2012Sentences.read(file);
      for (int s = 0; s < sentences.size(); s++) {
        ColumnBlock sentence = sentences.get(s);
        try {
          int predicates = Conll2012Sentences.predicateColumns(sentence, file);
          List<String> words = Conll2012Sentences.column(sentence, Conll2012Sentences.WORD);
          // A sentence is kept or skipped as a whole, so collect its propositions first.
          List<Example> propositions = new ArrayList<>();
          for (int p = 0; p < predicates; p++) {
            List<String> column =
                Conll2012Sentences.column(sentence, Conll2012Sentences.FIRST_PREDICATE + p);
            String field = "predicate column " + (p + 1);
            propositions.add(
                SrlExamples.fromColumn(
                    Conll2012Sentences.id(sentence, s) + "/" + p, words, column, column.indexOf("(V*)"), labels, field));
          }
          examples.addAll(propositions);
        } catch (RecordProblem problem) {
          bad.handle(new DatasetFormatException(file, sentence.firstLine(), problem));
        } catch (DatasetFormatException problem) {
          bad.handle(problem);
        }
      }
    }
    return new ReadResult(examples, bad.skipped());
  }
}
