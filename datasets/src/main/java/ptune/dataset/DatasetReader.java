package ptune.dataset;

import java.nio.file.Path;
import java.util.List;

/**
 * Reads one split of one format. Most formats are a single file; CoNLL-2005 needs its words and props
 * column files together, so readers take the split's files in the order the task lists them.
 */
@FunctionalInterface
public interface DatasetReader {

  ReadResult read(List<Path> files, ReadOptions options);

  default ReadResult read(Path file, ReadOptions options) {
    return read(List.of(file), options);
  }

  default ReadResult read(Path file) {
    return read(List.of(file), ReadOptions.STRICT);
  }
}
