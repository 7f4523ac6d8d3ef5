package ptune.dataset.srl;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import ptune.dataset.BadRecords;
import ptune.dataset.ColumnBlock;
import ptune.dataset.DatasetFormatException;
import ptune.dataset.DatasetReader;
import ptune.dataset.Example;
import ptune.dataset.LabelSet;
import ptune.dataset.ReadOptions;
import ptune.dataset.ReadResult;
import ptune.dataset.RecordProblem;
import ptune.dataset.TextFile;

/**
 * CoNLL-2005 shared-task release: a "words" file (one word per line) and a "props" file (target verb
 * lemma or "-", then one bracket column per proposition), sentence-aligned, gzipped as released. The
 * k-th proposition column belongs to the k-th target verb. Each proposition is one example, as in
 * the He et al. (2017) preprocessing that P-tuning v2 uses.
 */
public final class Conll2005Reader implements DatasetReader {

  private static final Pattern WHITESPACE = Pattern.compile("\\s+");

  private final LabelSet labels;

  public Conll2005Reader(LabelSet labels) {
    this.labels = labels;
  }

  /**
   * @param files pairs of words file then props file (the training set is one pair per WSJ section)
   */
  @Override
  public ReadResult read(List<Path> files, ReadOptions options) {
    if (files.isEmpty() || files.size() % 2 != 0) {
      throw new IllegalArgumentException("CoNLL-2005 needs (words, props) file pairs, got " + files);
    }
    BadRecords bad = new BadRecords(options);
    List<Example> examples = new ArrayList<>();
    for (int pair = 0; pair < files.size(); pair += 2) {
      readPair(files.get(pair), files.get(pair + 1), bad, examples);
    }
    return new ReadResult(examples, bad.skipped());
  }

  private void readPair(Path wordsFile, Path propsFile, BadRecords bad, List<Example> examples) {
    List<ColumnBlock> words = split(wordsFile);
    List<ColumnBlock> props = split(propsFile);
    if (words.size() != props.size()) {
      throw new DatasetFormatException(
          propsFile, 0, null, props.size() + " sentences, but " + wordsFile + " has " + words.size());
    }
    for (int s = 0; s < words.size(); s++) {
      try {
        examples.addAll(propositions(s, words.get(s), props.get(s), propsFile));
      } catch (DatasetFormatException problem) {
        bad.handle(problem);
      }
    }
  }

  private List<Example> propositions(int sentenceIndex, ColumnBlock words, ColumnBlock props, Path propsFile) {
    if (words.size() != props.size()) {
      throw new DatasetFormatException(
          propsFile, props.firstLine(), null,
          "sentence " + (sentenceIndex + 1) + " has " + props.size() + " prop lines but " + words.size() + " words");
    }
    List<String> sentence = words.rows().stream().map(row -> row.columns()[0]).toList();
    List<Integer> targets = new ArrayList<>();
    int width = props.rows().get(0).columns().length;
    for (int i = 0; i < props.size(); i++) {
      ColumnBlock.Row row = props.rows().get(i);
      if (row.columns().length != width) {
        throw new DatasetFormatException(
            propsFile, row.line(), null, "expected " + width + " columns, got " + row.columns().length);
      }
      if (!row.columns()[0].equals("-")) {
        targets.add(i);
      }
    }
    if (targets.size() != width - 1) {
      throw new DatasetFormatException(
          propsFile, props.firstLine(), "targets",
          targets.size() + " target verbs but " + (width - 1) + " proposition columns");
    }
    List<Example> examples = new ArrayList<>();
    for (int p = 0; p < targets.size(); p++) {
      final int column = p + 1;
      List<String> brackets = props.rows().stream().map(row -> row.columns()[column]).toList();
      try {
        examples.add(
            SrlExamples.fromColumn(
                sentenceIndex + "/" + p, sentence, brackets, targets.get(p), labels, "proposition " + column));
      } catch (RecordProblem problem) {
        throw new DatasetFormatException(propsFile, props.firstLine(), problem);
      }
    }
    return examples;
  }

  private static List<ColumnBlock> split(Path file) {
    return ColumnBlock.split(TextFile.readLines(file), WHITESPACE, line -> false, line -> false);
  }
}
