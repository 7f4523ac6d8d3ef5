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
 * CoNLL-2004 entities in the multi-head selection layout: a "#doc id" line starts each sentence, then
 * one "index TAB token TAB BIO-tag TAB relations TAB heads" line per token. Relations are not used
 * by the NER task.
 */
public final class Conll2004Reader implements DatasetReader {

  private static final Pattern TAB = Pattern.compile("\t");
  private static final String DOC_PREFIX = "#doc";

  private final LabelSet labels;

  public Conll2004Reader(LabelSet labels) {
    this.labels = labels;
  }

  @Override
  public ReadResult read(List<Path> files, ReadOptions options) {
    SentenceExamples examples = new SentenceExamples(options);
    for (Path file : files) {
      List<String> lines = TextFile.readLines(file);
      List<String> docIds = lines.stream()
          .filter(line -> line.startsWith(DOC_PREFIX))
          .map(line -> line.substring(DOC_PREFIX.length()).strip())
          .toList();
      List<ColumnBlock> sentences =
          ColumnBlock.split(lines, TAB, line -> line.startsWith(DOC_PREFIX), line -> false);
      if (sentences.size() != docIds.size()) {
        throw new DatasetFormatException(
            file, 0, null, docIds.size() + " #doc lines but " + sentences.size() + " token blocks");
      }
      examples.addAll(
          file, sentences, (sentence, s) -> List.of(toExample(sentence, docIds.get(s), file)));
    }
    return examples.result();
  }

  private TokenTaggingExample toExample(ColumnBlock sentence, String docId, Path file) {
    List<String> words = new ArrayList<>();
    List<String> tags = new ArrayList<>();
    for (ColumnBlock.Row row : sentence.rows()) {
      try {
        String index = row.column(0, "token_index");
        if (!index.equals(String.valueOf(words.size()))) {
          throw new RecordProblem("token_index", "expected " + words.size() + ", got " + index);
        }
        words.add(row.column(1, "token"));
        tags.add(NerTagCheck.known(labels, row.column(2, "entity_tag"), "entity_tag"));
      } catch (RecordProblem problem) {
        throw new DatasetFormatException(file, row.line(), problem);
      }
    }
    return new TokenTaggingExample(docId, words, tags, TokenTaggingExample.NO_PREDICATE);
  }
}
