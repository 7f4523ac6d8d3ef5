package ptune.dataset.ner;

import java.nio.file.Path;
import java.util.List;
import ptune.dataset.BracketedSpans;
import ptune.dataset.ColumnBlock;
import ptune.dataset.Conll2012Sentences;
import ptune.dataset.DatasetReader;
import ptune.dataset.LabelSet;
import ptune.dataset.ReadOptions;
import ptune.dataset.ReadResult;
import ptune.dataset.SentenceExamples;
import ptune.dataset.TokenTaggingExample;

/** OntoNotes 5.0 NER from CoNLL-2012 files: the bracketed named-entity column becomes BIO tags. */
public final class OntoNotesReader implements DatasetReader {

  private final LabelSet labels;

  public OntoNotesReader(LabelSet labels) {
    this.labels = labels;
  }

  @Override
  public ReadResult read(List<Path> files, ReadOptions options) {
    SentenceExamples examples = new SentenceExamples(options);
    for (Path file : files) {
      examples.addAll(
          file,
          Conll2012Sentences.read(file),
          (sentence, s) -> List.of(toExample(sentence, s, file)));
    }
    return examples.result();
  }

  private TokenTaggingExample toExample(ColumnBlock sentence, int index, Path file) {
    Conll2012Sentences.predicateColumns(sentence, file);
    List<String> tags =
        BracketedSpans.toBio(
            Conll2012Sentences.column(sentence, Conll2012Sentences.NAMED_ENTITIES), "named_entities");
    tags.forEach(tag -> NerTagCheck.known(labels, tag, "named_entities"));
    return new TokenTaggingExample(
        Conll2012Sentences.id(sentence, index),
        Conll2012Sentences.column(sentence, Conll2012Sentences.WORD),
        tags,
        TokenTaggingExample.NO_PREDICATE);
  }
}
