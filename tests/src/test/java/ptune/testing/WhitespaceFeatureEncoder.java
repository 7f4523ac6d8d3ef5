package ptune.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import ptune.preprocess.FeatureEncoder;
import ptune.preprocess.FeatureRow;

/**
 * A stand-in tokenizer for preprocessing tests: lower-cased whitespace words hashed into a 30k
 * vocabulary, BERT-style [CLS] premise [SEP] hypothesis [SEP], padded to the maximum length.
 */
public class WhitespaceFeatureEncoder implements FeatureEncoder {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public String fingerprint(String backbone, int maxLength) {
    return "whitespace-hash-30000 v1 " + backbone + " " + maxLength;
  }

  @Override
  public FeatureRow encode(String backbone, int maxLength, String task, String split, String rawJson) {
    try {
      JsonNode r = JSON.readTree(rawJson);
      int[] ids = new int[maxLength];
      int[] types = new int[maxLength];
      int[] mask = new int[maxLength];
      int n = 0;
      ids[n++] = 101;
      for (String field : new String[] {"premise", "hypothesis"}) {
        for (String word : r.path(field).asText().toLowerCase().split("\\s+")) {
          if (n < maxLength - 1 && !word.isEmpty()) {
            types[n] = field.equals("premise") ? 0 : 1;
            ids[n++] = 1000 + Math.floorMod(word.hashCode(), 29_000);
          }
        }
        if (n < maxLength) {
          types[n] = field.equals("premise") ? 0 : 1;
          ids[n++] = 102;
        }
      }
      Arrays.fill(mask, 0, n, 1);
      String label = r.path("label").asText("");
      int labelId = label.isEmpty() ? -1 : switch (label) {
        case "entailment" -> 0;
        case "contradiction" -> 1;
        default -> 2;
      };
      return new FeatureRow(split + "-" + r.path("idx").asText(), labelId, ids, types, mask);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
