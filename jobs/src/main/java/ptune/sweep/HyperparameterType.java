package ptune.sweep;

import com.fasterxml.jackson.databind.JsonNode;

/** The value type of a hyperparameter; grid values are checked against it before anything runs. */
public enum HyperparameterType {
  INT,
  DOUBLE,
  BOOLEAN,
  STRING;

  /** The type of a built-in key, from the Java type {@code ptune.trial.Hyperparameter} declares. */
  static HyperparameterType of(Class<?> type) {
    if (type == Integer.class) {
      return INT;
    }
    if (type == Double.class) {
      return DOUBLE;
    }
    return type == Boolean.class ? BOOLEAN : STRING;
  }

  /** The canonical string a trial spec stores, or null when {@code value} is not of this type. */
  String canonical(JsonNode value) {
    return switch (this) {
      case INT -> value.isIntegralNumber() ? value.asText() : null;
      case DOUBLE -> value.isNumber() ? Double.toString(value.asDouble()) : null;
      case BOOLEAN -> value.isBoolean() ? value.asText() : null;
      case STRING -> value.isValueNode() && !value.isNull() ? value.asText() : null;
    };
  }

  String describe() {
    return switch (this) {
      case INT -> "an integer";
      case DOUBLE -> "a number";
      case BOOLEAN -> "true or false";
      case STRING -> "a string";
    };
  }
}
