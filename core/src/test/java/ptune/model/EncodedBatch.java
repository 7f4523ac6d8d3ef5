package ptune.model;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import ptune.features.SubwordTokenizer;

/**
 * Real sentences in the layout both ptune and the ONNX graph take: a sentence pair and a shorter
 * single sentence padded to the pair's length ({@code [CLS] A [SEP] (B [SEP])}).
 */
final class EncodedBatch {
  final long[][] ids;
  final long[][] types;
  final long[][] mask;

  EncodedBatch(SubwordTokenizer tok, String[][] inputs) {
    List<long[]> rowsIds = new ArrayList<>();
    List<long[]> rowsTypes = new ArrayList<>();
    int max = 0;
    for (String[] input : inputs) {
      List<Long> i = new ArrayList<>();
      List<Long> t = new ArrayList<>();
      i.add((long) tok.clsId());
      t.add(0L);
      for (int seg = 0; seg < input.length; seg++) {
        for (int id : tok.tokenize(input[seg]).ids()) {
          i.add((long) id);
          t.add((long) seg);
        }
        i.add((long) tok.sepId());
        t.add((long) seg);
      }
      rowsIds.add(i.stream().mapToLong(Long::longValue).toArray());
      rowsTypes.add(t.stream().mapToLong(Long::longValue).toArray());
      max = Math.max(max, i.size());
    }
    ids = new long[inputs.length][max];
    types = new long[inputs.length][max];
    mask = new long[inputs.length][max];
    for (int r = 0; r < inputs.length; r++) {
      long[] ri = rowsIds.get(r);
      for (int k = 0; k < max; k++) {
        ids[r][k] = k < ri.length ? ri[k] : tok.padId();
        types[r][k] = k < ri.length ? rowsTypes.get(r)[k] : 0;
        mask[r][k] = k < ri.length ? 1 : 0;
      }
    }
  }

  EncoderInputs toInputs(NDManager m) {
    Shape s = new Shape(ids.length, ids[0].length);
    return new EncoderInputs(m.create(flat(ids), s), m.create(flat(types), s), m.create(flat(mask), s));
  }

  static long[] flat(long[][] rows) {
    long[] out = new long[rows.length * rows[0].length];
    for (int r = 0; r < rows.length; r++) {
      System.arraycopy(rows[r], 0, out, r * rows[0].length, rows[0].length);
    }
    return out;
  }

  static final String[][] SENTENCES = {
    {"The quick brown fox jumps over the lazy dog.", "A fast auburn fox leaped over a sleepy hound!"},
    {"P-tuning v2 keeps the BERT encoder frozen."},
    {"Prompt tuning matches fine-tuning across scales and tasks, says the paper."}
  };
}
