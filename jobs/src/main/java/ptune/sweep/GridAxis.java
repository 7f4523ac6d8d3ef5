package ptune.sweep;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The values one hyperparameter takes in a grid, as written in the config (a scalar or a list),
 * with the line it came from so that a later type error can point at it.
 *
 * <p>In an override, {@code null} ({@link #NOT_APPLICABLE}) removes the hyperparameter, e.g. the
 * prompt length for fine-tuning.
 */
@JsonDeserialize(using = GridAxis.Deserializer.class)
public record GridAxis(List<JsonNode> values, int line) {

  public static final GridAxis NOT_APPLICABLE = new GridAxis(List.of(), -1);

  public boolean notApplicable() {
    return this == NOT_APPLICABLE;
  }

  static final class Deserializer extends StdDeserializer<GridAxis> {
    Deserializer() {
      super(GridAxis.class);
    }

    @Override
    public GridAxis deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      int line = p.currentTokenLocation().getLineNr();
      JsonNode node = p.readValueAsTree();
      List<JsonNode> values = new ArrayList<>();
      if (node.isArray()) {
        node.forEach(values::add);
      } else {
        values.add(node);
      }
      if (values.isEmpty()) {
        return ctxt.reportInputMismatch(this, "empty grid: give at least one value");
      }
      for (JsonNode v : values) {
        if (!v.isValueNode() || v.isNull()) {
          return ctxt.reportInputMismatch(this, "grid values must be scalars, got %s", v);
        }
      }
      return new GridAxis(List.copyOf(values), line);
    }

    @Override
    public GridAxis getNullValue(DeserializationContext ctxt) {
      return NOT_APPLICABLE;
    }
  }
}
