package ptune.dataset;

import com.fasterxml.jackson.databind.JsonNode;

/** Typed access to required JSON fields; a missing or mistyped field becomes a {@link RecordProblem}. */
public final class JsonFields {

  private JsonFields() {}

  public static JsonNode node(JsonNode parent, String field) {
    JsonNode value = parent.get(field);
    if (value == null || value.isNull()) {
      throw new RecordProblem(field, "missing field");
    }
    return value;
  }

  public static String text(JsonNode parent, String field) {
    JsonNode value = node(parent, field);
    if (!value.isTextual()) {
      throw new RecordProblem(field, "expected a string, got " + value.getNodeType());
    }
    return value.asText();
  }

  public static int integer(JsonNode parent, String field) {
    JsonNode value = node(parent, field);
    if (!value.canConvertToInt() || !value.isIntegralNumber()) {
      throw new RecordProblem(field, "expected an integer, got " + value);
    }
    return value.asInt();
  }

  public static JsonNode array(JsonNode parent, String field) {
    JsonNode value = node(parent, field);
    if (!value.isArray()) {
      throw new RecordProblem(field, "expected an array, got " + value.getNodeType());
    }
    return value;
  }

  /** The record id: SuperGLUE uses integers, some copies strings. */
  public static String id(JsonNode parent, String field) {
    JsonNode value = node(parent, field);
    return value.isValueNode() ? value.asText() : value.toString();
  }

  /** Whether the record has a gold label (test files have none). */
  public static boolean has(JsonNode parent, String field) {
    JsonNode value = parent.get(field);
    return value != null && !value.isNull();
  }

  /**
   * The label as the string the task's label list uses: SuperGLUE writes booleans for BoolQ, WiC,
   * WSC and MultiRC ("True"/"False", the Hugging Face class names) and strings elsewhere.
   */
  public static String labelName(JsonNode parent, String field) {
    JsonNode value = node(parent, field);
    if (value.isBoolean()) {
      return value.asBoolean() ? "True" : "False";
    }
    if (value.isTextual() || value.isIntegralNumber()) {
      return value.asText();
    }
    throw new RecordProblem(field, "expected a label, got " + value);
  }
}
