package ptune.features;

import java.util.Arrays;
import java.util.List;

/** Renders encoded ids as token strings, so expectations in tests read like the input. */
final class EncodedTokens {

  private EncodedTokens() {}

  static List<String> of(SubwordTokenizer tokenizer, int[] ids) {
    return Arrays.stream(ids).mapToObj(tokenizer::idToToken).toList();
  }
}
