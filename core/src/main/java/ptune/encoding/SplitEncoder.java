package ptune.encoding;

import java.util.List;
import ptune.dataset.Example;

/** Encodes a task's examples for its head. */
@FunctionalInterface
public interface SplitEncoder {
  EncodedSplit encode(List<Example> examples);
}
