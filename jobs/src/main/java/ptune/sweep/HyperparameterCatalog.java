package ptune.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.TreeMap;
import ptune.trial.Hyperparameter;
import ptune.trial.Hyperparameters;

/**
 * The hyperparameters a sweep may vary and their types. The built-in ones, with their ranges, are
 * those the trial runner reads, as {@code core: ptune.trial.Hyperparameters} defines them;
 * method-dependent limits (a prompt of at least one token for pt and pt2, positions within the
 * backbone's table) are the runner's own pre-flight checks. A config can declare more under {@code
 * hyperparameter_types} (a custom runner's knobs), so a misspelt name is an error instead of a
 * silently ignored column.
 */
public final class HyperparameterCatalog {

  private final Map<String, HyperparameterType> types;

  public HyperparameterCatalog(Map<String, HyperparameterType> declared) {
    this.types = new TreeMap<>();
    Hyperparameters.ALL.forEach(h -> types.put(h.name(), HyperparameterType.of(h.type())));
    if (declared != null) {
      types.putAll(declared);
    }
  }

  /** The type of {@code name}, or null when no one declared it. */
  public HyperparameterType typeOf(String name) {
    return types.get(name);
  }

  /**
   * Why {@code value} (of the declared type) is out of the built-in hyperparameter's range, or
   * null when it is in range or {@code name} is a runner's own knob (ptune knows no range for it).
   */
  public String rangeProblem(String name, JsonNode value) {
    Hyperparameter<?> builtIn = Hyperparameters.find(name).orElse(null);
    if (builtIn == null || types.get(name) != HyperparameterType.of(builtIn.type())
        || !value.isNumber()) {
      return null;
    }
    return builtIn.range().problem(value.asDouble());
  }

  public Iterable<String> names() {
    return types.keySet();
  }
}
