package ptune.featurestore;

import java.util.Map;
import java.util.Set;

/** Which stored examples a reader keeps: by split and id, and whether a split is wanted at all. */
public interface WantedExamples {

  /** Every example of every split. */
  WantedExamples ALL = new WantedExamples() {
    @Override
    public boolean wants(String split, String id) {
      return true;
    }

    @Override
    public boolean wantsSplit(String split) {
      return true;
    }
  };

  boolean wants(String split, String id);

  /** False when no example of {@code split} is wanted: its shards need not be opened. */
  boolean wantsSplit(String split);

  /** Exactly these ids per split ({@code Split.lowerName()}); a split not in the map is not wanted. */
  static WantedExamples of(Map<String, Set<String>> idsBySplit) {
    return new WantedExamples() {
      @Override
      public boolean wants(String split, String id) {
        Set<String> ids = idsBySplit.get(split);
        return ids != null && ids.contains(id);
      }

      @Override
      public boolean wantsSplit(String split) {
        Set<String> ids = idsBySplit.get(split);
        return ids != null && !ids.isEmpty();
      }
    };
  }
}
