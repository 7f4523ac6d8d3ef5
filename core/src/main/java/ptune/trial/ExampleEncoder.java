package ptune.trial;

import java.util.ArrayList;
import java.util.List;
import ptune.dataset.Example;
import ptune.dataset.Label;
import ptune.dataset.MultipleChoiceExample;
import ptune.dataset.SentencePairExample;
import ptune.features.SubwordTokenizer;
import ptune.trainer.EncodedExample;

/**
 * Turns sentence-pair and multiple-choice examples into token ids with the backbone's template,
 * truncating the longer segment first (Hugging Face's longest_first) to {@code maxLength}.
 */
final class ExampleEncoder {
  private final SubwordTokenizer tokenizer;
  private final int maxLength;

  ExampleEncoder(SubwordTokenizer tokenizer, int maxLength) {
    this.tokenizer = tokenizer;
    this.maxLength = maxLength;
  }

  EncodedExample encode(Example example) {
    if (example instanceof SentencePairExample p) {
      float label;
      if (p.label() instanceof Label.Category c) {
        label = c.index();
      } else if (p.label() instanceof Label.Score s) {
        label = (float) s.value();
      } else {
        label = -1; // unlabeled (test split): never used for a loss
      }
      int[][] row = row(p.textA(), p.textB());
      return EncodedExample.single(row[0], row[1], label);
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

  List<EncodedExample> encodeAll(List<Example> examples) {
    List<EncodedExample> out = new ArrayList<>(examples.size());
    for (Example e : examples) {
      out.add(encode(e));
    }
    return out;
  }

  /** {ids, token types} of [CLS] a [SEP] (b [SEP]), or RoBERTa's &lt;s&gt; a &lt;/s&gt;&lt;/s&gt; b &lt;/s&gt;. */
  private int[][] row(String a, String b) {
    int[] idsA = tokenizer.tokenize(a).ids();
    int[] idsB = b == null ? new int[0] : tokenizer.tokenize(b).ids();
    boolean roberta = tokenizer.template() == SubwordTokenizer.Template.ROBERTA;
    int specials = b == null ? 2 : (roberta ? 4 : 3);
    int budget = maxLength - specials;
    int lenA = idsA.length;
    int lenB = idsB.length;
    while (lenA + lenB > budget) {
      if (lenA >= lenB) {
        lenA--;
      } else {
        lenB--;
      }
    }
    int total = lenA + lenB + specials;
    int[] ids = new int[total];
    int[] types = new int[total];
    int k = 0;
    ids[k++] = tokenizer.clsId();
    for (int i = 0; i < lenA; i++) {
      ids[k++] = idsA[i];
    }
    ids[k++] = tokenizer.sepId();
    if (b != null) {
      if (roberta) {
        ids[k++] = tokenizer.sepId();
      }
      int segmentB = k;
      for (int i = 0; i < lenB; i++) {
        ids[k++] = idsB[i];
      }
      ids[k++] = tokenizer.sepId();
      if (!roberta) {
        for (int i = segmentB; i < total; i++) {
          types[i] = 1;
        }
      }
    }
    return new int[][] {ids, types};
  }
}
