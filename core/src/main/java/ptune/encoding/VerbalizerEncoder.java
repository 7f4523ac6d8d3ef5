package ptune.encoding;

import java.util.Arrays;
import java.util.List;
import ptune.dataset.Example;
import ptune.dataset.SentencePairExample;
import ptune.features.SubwordTokenizer;
import ptune.trainer.EncodedExample;

/**
 * Sentence(-pair) examples as cloze inputs for {@code head=verbalizer}, one segment with exactly
 * one mask token: {@code [CLS] A ? [MASK] , B [SEP]} for pairs (PET's entailment pattern) and
 * {@code [CLS] A It was [MASK] . [SEP]} for single sentences. Longest-first truncation shortens A and
 * B, never the pattern.
 */
public final class VerbalizerEncoder implements SplitEncoder {
  private final SubwordTokenizer tokenizer;
  private final int maxLength;
  private final int[] pairMiddle; // "? [MASK] ,"
  private final int[] singleEnd; // "It was [MASK] ."

  public VerbalizerEncoder(SubwordTokenizer tokenizer, int maxLength) {
    this.tokenizer = tokenizer;
    this.maxLength = maxLength;
    this.pairMiddle = concat(tokenizer.tokenize("?").ids(), new int[] {tokenizer.maskId()},
        tokenizer.tokenize(",").ids());
    this.singleEnd = concat(tokenizer.tokenize("It was").ids(), new int[] {tokenizer.maskId()},
        tokenizer.tokenize(".").ids());
  }

  @Override
  public ExampleRows encode(Example e) {
    if (!(e instanceof SentencePairExample pair)) {
      throw new IllegalArgumentException("head=verbalizer needs sentence(-pair) examples, got a "
          + e.getClass().getSimpleName() + " (" + e.id() + ")");
    }
    int[] ids = cloze(pair.textA(), pair.textB());
    return ExampleRows.whole(EncodedExample.single(ids, new int[ids.length], ExampleEncoder.label(pair)));
  }

  @Override
  public EncodedSplit assemble(List<Example> examples, List<ExampleRows> rows) {
    return new EncodedSplit(examples, ExampleEncoder.wholeRows(rows), new ClassDecoder(false));
  }

  private int[] cloze(String textA, String textB) {
    int[] a = tokenizer.tokenize(textA).ids();
    int[] b = textB == null ? new int[0] : tokenizer.tokenize(textB).ids();
    int[] pattern = textB == null ? singleEnd : pairMiddle;
    int budget = maxLength - 2 - pattern.length;
    if (budget < 2) {
      throw new IllegalArgumentException("max_len " + maxLength + " leaves no room for the cloze"
          + " pattern of " + pattern.length + " tokens");
    }
    int keepA = a.length;
    int keepB = b.length;
    while (keepA + keepB > budget) {
      if (keepA > keepB) {
        keepA--;
      } else {
        keepB--;
      }
    }
    int[] body = textB == null
        ? concat(Arrays.copyOf(a, keepA), pattern)
        : concat(Arrays.copyOf(a, keepA), pattern, Arrays.copyOf(b, keepB));
    return concat(new int[] {tokenizer.clsId()}, body, new int[] {tokenizer.sepId()});
  }

  private static int[] concat(int[]... parts) {
    int n = 0;
    for (int[] p : parts) {
      n += p.length;
    }
    int[] out = new int[n];
    int at = 0;
    for (int[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }
}
