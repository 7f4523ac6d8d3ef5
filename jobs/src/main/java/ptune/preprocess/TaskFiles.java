package ptune.preprocess;

import java.util.Map;

/** Where a task's raw files live under the datasets root (the layout of shared/datasets). */
final class TaskFiles {

  private static final Map<String, String> DIRECTORIES = Map.of(
      "boolq", "superglue/BoolQ", "cb", "superglue/CB", "copa", "superglue/COPA", "multirc", "superglue/MultiRC",
      "rte", "superglue/RTE", "wic", "superglue/WiC", "wsc", "superglue/WSC");

  private TaskFiles() {}

  static String directory(String task) {
    String dir = DIRECTORIES.get(task);
    if (dir == null) {
      throw new IllegalArgumentException("no raw data layout known for task '" + task + "' (known: " + DIRECTORIES.keySet() + ")");
    }
    return dir;
  }
}
