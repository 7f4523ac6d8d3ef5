package ptune.encoding;

import java.util.ArrayList;
import java.util.List;
import ptune.dataset.Example;
import ptune.dataset.Label;
import ptune.dataset.MultipleChoiceExample;
import ptune.dataset.SentencePairExample;
import ptune.features.EncodedInput;
import ptune.features.InputEncoder;
import ptune.features.SubwordTokenizer;
import ptune.trainer.EncodedExample;

/**
 * Turns sentence-pair and multiple-choice examples into encoder rows (the backbone's template and
 * longest-first truncation come from {@link InputEncoder}) with their labels.
 */
public final class ExampleEncoder implements SplitEncoder {
  private final InputEncoder inputs;
  private final boolean regression;

  public ExampleEncoder(SubwordTokenizer tokenizer, int maxLength, boolean regression) {
    this.inputs = new InputEncoder(tokenizer, maxLength);
    this.regression = regression;
  }

  @Override
  public ExampleRows encode(Example example) {
    return ExampleRows.whole(row(example));
  }

  private EncodedExample row(Example example) {
    if (example instanceof SentencePairExample p) {
      int[][] row = row(p.textA(), p.textB());
      return EncodedExample.single(row[0], row[1], label(p));
    }
    if (example instanceof MultipleChoiceExample mc) {
      int[][] ids = new int[mc.choices().size()][];
      int[][] types = new int[mc.choices().size()][];
      for (int i = 0; i < ids.length; i++) {
        int[][] row = row(mc.context(), mc.choices().get(i));
        ids[i] = row[0];
        types[i] = row[1];
      }
      return new EncodedExample(ids, types, mc.label());
    }
    throw new IllegalArgumentException("example " + example.id() + " is a "
        + example.getClass().getSimpleName() + ": this trial runner trains sentence-pair and "
        + "multiple-choice tasks");
  }

  @Override
  public EncodedSplit assemble(List<Example> examples, List<ExampleRows> rows) {
    return new EncodedSplit(examples, wholeRows(rows), new ClassDecoder(regression));
  }

  /** The one row of each whole-example {@link ExampleRows}. */
  static List<EncodedExample> wholeRows(List<ExampleRows> rows) {
    List<EncodedExample> out = new ArrayList<>(rows.size());
    for (ExampleRows r : rows) {
      if (!(r.alignment() instanceof Alignment.Whole)) {
        throw new IllegalArgumentException("expected whole-example rows, got " + r.alignment().getClass().getSimpleName());
      }
      out.add(r.rows().get(0));
    }
    return out;
  }

  /** The class index or score; -1 for an unlabeled (test) example, never used for a loss. */
  static float label(SentencePairExample p) {
    if (p.label() instanceof Label.Category c) {
      return c.index();
    }
    if (p.label() instanceof Label.Score s) {
      return (float) s.value();
    }
    return -1;
  }

  private int[][] row(String a, String b) {
    EncodedInput encoded = b == null ? inputs.encode(a) : inputs.encode(a, b);
    return new int[][] {encoded.inputIds(), encoded.tokenTypeIds()};
  }
}
