package ptune.featurestore;

import java.io.Serializable;

/**
 * What determines a set of stored features besides the raw files: the task, the backbone (its
 * tokenizer), the maximum length and the input encoding ("classifier": the task's template,
 * "verbalizer": cloze inputs). Trials with equal keys share one feature set.
 */
public record FeatureSetKey(String task, String backbone, int maxLength, String encoding)
    implements Serializable {

  public static final String CLASSIFIER = "classifier";

  /** Relative directory under a sweep's {@code features/}: {@code <task>/<backbone>-len<N>[-enc]}. */
  public String directory() {
    String suffix = encoding.equals(CLASSIFIER) ? "" : "-" + encoding;
    return task + "/" + backbone + "-len" + maxLength + suffix;
  }

  @Override
  public String toString() {
    return directory();
  }
}
