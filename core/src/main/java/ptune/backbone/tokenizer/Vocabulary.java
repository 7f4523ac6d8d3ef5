package ptune.backbone.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** A subword vocabulary: token strings and their ids. */
public final class Vocabulary {

  private static final int MAX_VOCABULARY = 10_000_000;

  private final String source;
  private final String[] tokens;
  private final Map<String, Integer> ids;

  private Vocabulary(String source, String[] tokens) {
    this.source = source;
    this.tokens = tokens;
    this.ids = new HashMap<>(tokens.length * 2);
    for (int id = 0; id < tokens.length; id++) {
      if (tokens[id] != null) {
        ids.putIfAbsent(tokens[id], id);
      }
    }
  }

  /** BERT's {@code vocab.txt}: one token per line, the id is the line number. */
  public static Vocabulary fromVocabTxt(InputStream in, String source) throws IOException {
    List<String> lines = new ArrayList<>();
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      for (String line; (line = reader.readLine()) != null; ) {
        lines.add(line);
      }
    }
    return new Vocabulary(source, lines.toArray(String[]::new));
  }

  /**
   * The vocabulary of a Hugging Face {@code tokenizer.json}: {@code model.vocab} (an object token ->
   * id for WordPiece and BPE, a list of [token, score] pairs for Unigram) plus {@code added_tokens}
   * (objects with {@code id} and {@code content}).
   */
  public static Vocabulary fromTokenizerJson(JsonNode root, String source) {
    Map<Integer, String> byId = new HashMap<>();
    JsonNode vocab = root.path("model").path("vocab");
    if (vocab.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = vocab.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        byId.put(e.getValue().asInt(), e.getKey());
      }
    } else if (vocab.isArray()) {
      for (int id = 0; id < vocab.size(); id++) {
        byId.put(id, vocab.get(id).get(0).asText());
      }
    } else {
      throw new IllegalArgumentException(source + ": no model.vocab in tokenizer.json");
    }
    for (JsonNode added : root.path("added_tokens")) {
      byId.put(added.path("id").asInt(), added.path("content").asText());
    }
    int size = byId.keySet().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
    // Ids index an array, so a corrupt id must not decide its size; real vocabularies have < 1M.
    if (byId.keySet().stream().anyMatch(id -> id < 0) || size > MAX_VOCABULARY) {
      throw new IllegalArgumentException(
          source + ": token ids must lie in [0, " + MAX_VOCABULARY + "), found up to " + (size - 1));
    }
    String[] tokens = new String[size];
    byId.forEach((id, token) -> tokens[id] = token);
    return new Vocabulary(source, tokens);
  }

  /** The file the vocabulary was read from, for error messages. */
  public String source() {
    return source;
  }

  public int size() {
    return tokens.length;
  }

  /** The token with {@code id}, or null when the id is out of range or unused. */
  public String token(int id) {
    return id >= 0 && id < tokens.length ? tokens[id] : null;
  }

  /** The id of {@code token}, or -1 when it is not in the vocabulary. */
  public int id(String token) {
    return ids.getOrDefault(token, -1);
  }

  public boolean contains(String token) {
    return ids.containsKey(token);
  }

  /** True when both vocabularies map the same ids to the same tokens. */
  public boolean sameAs(Vocabulary other) {
    return Arrays.equals(tokens, other.tokens);
  }
}
