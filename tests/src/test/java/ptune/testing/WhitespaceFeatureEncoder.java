package ptune.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import ptune.dataset.Example;
import ptune.dataset.Split;
import ptune.encoding.ExampleRows;
import ptune.featurestore.FeatureSetKey;
import ptune.featurestore.StoredExample;
import ptune.trainer.EncodedExample;

/**
 * A stand-in tokenizer for pipeline tests whose backbone ("tiny") does not exist: lower-cased
 * whitespace words of a CB record hashed into a 30k vocabulary, BERT-style
 * [CLS] premise [SEP] hypothesis [SEP], truncated to the maximum length.
 */
public class WhitespaceFeatureEncoder implements ptune.preprocess.FeatureEncoder {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public String fingerprint(FeatureSetKey key) {
    return "whitespace-hash-30000 v2 " + key;
  }

  @Override
  public List<StoredExample> encode(FeatureSetKey key, Split split, List<String> header, long index,
      String rawLine) {
    if (rawLine.isBlank()) {
      return List.of();
    }
    JsonNode r;
    try {
      r = JSON.readTree(rawLine);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<Integer> ids = new ArrayList<>(List.of(101));
    List<Integer> types = new ArrayList<>(List.of(0));
    for (String field : new String[] {"premise", "hypothesis"}) {
      int type = field.equals("premise") ? 0 : 1;
      for (String word : r.path(field).asText().toLowerCase().split("\\s+")) {
        if (ids.size() < key.maxLength() - 1 && !word.isEmpty()) {
          ids.add(1000 + Math.floorMod(word.hashCode(), 29_000));
          types.add(type);
        }
      }
      if (ids.size() < key.maxLength()) {
        ids.add(102);
        types.add(type);
      }
    }
    String label = r.path("label").asText("");
    int labelId = label.isEmpty() ? -1 : switch (label) {
      case "entailment" -> 0;
      case "contradiction" -> 1;
      default -> 2;
    };
    EncodedExample row = EncodedExample.single(ints(ids), ints(types), labelId);
    return List.of(new StoredExample(split.lowerName(), r.path("idx").asText(), rawLine.hashCode(),
        ExampleRows.whole(row)));
  }

  /** Only CB's line records: the pipeline tests' tiny backbone has no tagging or QA task. */
  @Override
  public List<StoredExample> encode(FeatureSetKey key, Split split, List<Example> examples) {
    throw new UnsupportedOperationException("the whitespace encoder encodes CB's line records only, not " + key.task());
  }

  private static int[] ints(List<Integer> values) {
    return values.stream().mapToInt(Integer::intValue).toArray();
  }
}
