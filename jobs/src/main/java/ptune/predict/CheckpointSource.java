package ptune.predict;

import java.io.IOException;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import ptune.checkpoint.PromptCheckpoint;

/** Loads a prompt checkpoint from any Hadoop path; a missing or damaged one is a user error. */
final class CheckpointSource {
  private CheckpointSource() {}

  static PromptCheckpoint load(String path, Configuration conf) {
    try {
      Path local = HadoopInput.local(path, "checkpoint", conf);
      return PromptCheckpoint.load(local);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot load the prompt checkpoint " + path + ": "
          + e.getMessage(), e);
    }
  }
}
