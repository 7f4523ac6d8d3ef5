package ptune.dataset.superglue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import ptune.dataset.Example;

/**
 * Turns one JSON record into examples; one record can give several (MultiRC: one per answer option,
 * ReCoRD: one per candidate entity). Throws {@link ptune.dataset.RecordProblem} on bad fields.
 */
@FunctionalInterface
public interface JsonRecordParser {

  /**
   * @param index the record's 0-based line, the id of a layout without an id field
   */
  List<Example> parse(JsonNode record, long index);
}
