package ptune.tasks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A declared task as one line of JSON: its name and its declaration as a config writes it
 * ({@link TaskDefinitionParser#toMap}). The trial id hashes it and a checkpoint keeps it.
 */
public final class TaskDefinitionJson {

  private static final ObjectMapper JSON = new ObjectMapper();

  private TaskDefinitionJson() {}

  public static String write(TaskDefinition definition) {
    Map<String, Object> named = new LinkedHashMap<>();
    named.put("name", definition.name());
    named.putAll(TaskDefinitionParser.toMap(definition));
    try {
      return JSON.writeValueAsString(named);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a declaration of strings, numbers and lists always writes", e);
    }
  }

  /** @throws IllegalArgumentException when the text is no declaration {@link #write} wrote */
  public static TaskDefinition read(String json) {
    Map<String, Object> named;
    try {
      named = JSON.readValue(json, new TypeReference<LinkedHashMap<String, Object>>() {});
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a task declaration: " + e.getOriginalMessage(), e);
    }
    Object name = named.remove("name");
    if (!(name instanceof String s)) {
      throw new IllegalArgumentException("task declaration without a name: " + json);
    }
    return TaskDefinitionParser.parse(s, named);
  }
}
