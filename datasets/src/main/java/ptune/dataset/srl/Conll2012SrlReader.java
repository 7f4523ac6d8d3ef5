package ptune.dataset.srl;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import ptune.dataset.ColumnBlock;
import ptune.dataset.Conll2012Sentences;
import ptune.dataset.DatasetReader;
import ptune.dataset.Example;
import ptune.dataset.LabelSet;
import ptune.dataset.ReadOptions;
import ptune.dataset.ReadResult;
import ptune.dataset.SentenceExamples;

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
    SentenceExamples examples = new SentenceExamples(options);
    for (Path file : files) {
      examples.addAll(
          file, Conll2012Sentences.read(file), (sentence, s) -> propositions(sentence, s, file));
    }
    return examples.result();
  }

  private List<Example> propositions(ColumnBlock sentence, int index, Path file) {
    int predicates = Conll2012Sentences.predicateColumns(sentence, file);
    List<String> words = Conll2012Sentences.column(sentence, Conll2012Sentences.WORD);
    List<Example> propositions = new ArrayList<>();
    for (int p = 0; p < predicates; p++) {
      List<String> column =
          Conll2012Sentences.column(sentence, Conll2012Sentences.FIRST_PREDICATE + p);
      String field = "predicate column " + (p + 1);
      propositions.add(
          SrlExamples.fromColumn(
              Conll2012Sentences.id(sentence, index) + "/" + p, words, column, column.indexOf("(V*)"), labels, field));
    }
    return propositions;
  }
}
