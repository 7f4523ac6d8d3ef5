package ptune.encoding;

import java.util.ArrayList;
import java.util.List;
import ptune.dataset.Example;

/**
 * Encodes a task's examples for its head, in two steps so that the first can be stored ahead of the
 * trials (preprocessing) and a trial on stored rows assembles exactly what tokenizing gives.
 */
public interface SplitEncoder {

  /** One example's rows and their alignment. */
  ExampleRows encode(Example example);

  /**
   * The split from its examples and their rows, in the same order, made here or stored: the gold
   * examples that are scored, the trainer's rows and the decoder of their predictions.
   */
  EncodedSplit assemble(List<Example> examples, List<ExampleRows> rows);

  default EncodedSplit encode(List<Example> examples) {
    List<ExampleRows> rows = new ArrayList<>(examples.size());
    for (Example e : examples) {
      rows.add(encode(e));
    }
    return assemble(examples, rows);
  }
}
