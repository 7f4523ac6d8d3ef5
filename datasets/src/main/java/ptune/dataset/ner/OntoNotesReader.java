package ptune.dataset.ner;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import ptune.dataset.BadRecords;
import ptune.dataset.BracketedSpans;
import ptune.dataset.ColumnBlock;
import ptune.dataset.Conll2012Sentences;
import ptune.dataset.DatasetFormatException;
import ptune.dataset.DatasetReader;
import ptune.dataset.Example;
import ptune.dataset.LabelSet;
import ptune.dataset.ReadOptions;
import ptune.dataset.ReadResult;
import ptune.dataset.RecordProblem;
import ptune.dataset.TokenTaggingExample;

/** OntoNotes 5.0 NER from CoNLL-2012 files: the bracketed named-entity column becomes BIO tags. */
public final class OntoNotesReader implements DatasetReader {

  private final LabelSet labels;

  public OntoNotesReader(LabelSet labels) {
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
          Conll2012Sentences.predicateColumns(sentence, file);
          List<String> tags =
              BracketedSpans.toBio(
                  Conll2012Sentences.column(sentence, Conll2012Sentences.NAMED_ENTITIES), "named_entities");
          tags.forEach(tag -> NerTagCheck.known(labels, tag, "named_entities"));
          examples.add(
              new TokenTaggingExample(
                  Conll2012Sentences.id(sentence, s),
                  Conll2012Sentences.column(sentence, Conll2012Sentences.WORD),
                  tags,
                  TokenTaggingExample.NO_PREDICATE));
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
