package ptune.preprocess;

import java.io.Serializable;

/**
 * Turns one raw dataset record into model features; the only thing preprocessing needs from the
 * tokenizer and task templates (ptune.dataset / ptune.features), so that they can evolve behind it.
 * Instances are made with a no-arg constructor on the driver and shipped to the executors.
 */
public interface FeatureEncoder extends Serializable {

  /**
   * Identifies everything that changes the features besides the input files (tokenizer vocabulary,
   * template version); when it changes, cached features are rebuilt.
   */
  String fingerprint(String backbone, int maxLength);

  /**
   * @param rawJson one line of the task's official JSON Lines file
   * @return the features, or null to drop the record
   */
  FeatureRow encode(String backbone, int maxLength, String task, String split, String rawJson);
}
