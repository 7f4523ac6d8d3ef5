package ptune.preprocess;

import java.io.Serializable;
import java.util.List;
import ptune.dataset.Example;
import ptune.dataset.Split;
import ptune.featurestore.FeatureSetKey;
import ptune.featurestore.StoredExample;

/**
 * Turns one raw dataset line, or the examples a task's reader read, into stored examples; the only
 * thing preprocessing needs from the tokenizer and task templates, so that they can evolve behind it. Instances are made with a no-arg
 * constructor on the driver and shipped to the executors.
 */
public interface FeatureEncoder extends Serializable {

  /**
   * Identifies everything besides the input files that changes the features (tokenizer, template
   * version, maximum length). Stored in every shard: a trial uses a set only when its own encoder
   * has the same fingerprint, and preprocessing rebuilds a set when it changes.
   */
  String fingerprint(FeatureSetKey key);

  /**
   * @param header the first lines of the file the line comes from (GLUE's column names), as many
   *     as the task's {@link ptune.dataset.LineRecords#headerLines()}
   * @param index 0-based position of the line after the header
   * @param rawLine one line of the task's file of {@code split}
   * @return the examples the record gives (several for MultiRC and ReCoRD), encoded; none for a
   *     blank line
   * @throws ptune.dataset.RecordProblem when the record is malformed
   */
  List<StoredExample> encode(FeatureSetKey key, Split split, List<String> header, long index, String rawLine);

  /**
   * @param examples examples of a task whose files are not one record per line (CoNLL sentences,
   *     SQuAD questions), as the task's reader read them, in file order
   * @return their encoded rows, in the same order
   */
  List<StoredExample> encode(FeatureSetKey key, Split split, List<Example> examples);
}
