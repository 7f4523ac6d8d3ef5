package ptune.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.TreeMap;

/**
 * The hyperparameters a sweep may vary and their types. The built-in ones are those the trial
 * runner reads; a config can declare more under {@code hyperparameter_types} (a custom runner's
 * knobs), so a misspelt name is an error instead of a silently ignored column.
 */
public final class HyperparameterCatalog {

  /** A built-in hyperparameter: its type and the values a trial accepts. */
  private record Declared(HyperparameterType type, ValueRange range) {}

  /**
   * What ptune.trial.TrialHyperparameters and PromptTuningTrialRunner read, with their ranges;
   * method-dependent limits (a prompt of at least one token for pt and pt2, positions within the
   * backbone's table) are the runner's own pre-flight checks.
   */
  private static final Map<String, Declared> BUILT_IN =
      Map.ofEntries(
          declare("lr", HyperparameterType.DOUBLE, ValueRange.positive()),
          declare("epochs", HyperparameterType.INT, ValueRange.atLeast(1)),
          declare("batch_size", HyperparameterType.INT, ValueRange.atLeast(1)),
          declare("eval_batch_size", HyperparameterType.INT, ValueRange.atLeast(1)),
          declare("accumulation", HyperparameterType.INT, ValueRange.atLeast(1)),
          declare("weight_decay", HyperparameterType.DOUBLE, ValueRange.atLeast(0)),
          declare("warmup_ratio", HyperparameterType.DOUBLE, ValueRange.between(0, 1)),
          declare("schedule", HyperparameterType.STRING, ValueRange.ANY),
          declare("gamma", HyperparameterType.DOUBLE, ValueRange.positive()),
          declare("max_grad_norm", HyperparameterType.DOUBLE, ValueRange.positive()),
          declare("patience", HyperparameterType.INT, ValueRange.atLeast(0)),
          declare("prefix_len", HyperparameterType.INT, ValueRange.atLeast(0)),
          declare("prefix_depth", HyperparameterType.INT, ValueRange.atLeast(0)),
          declare("prefix_depth_from", HyperparameterType.STRING, ValueRange.ANY),
          declare("prefix_projection", HyperparameterType.BOOLEAN, ValueRange.ANY),
          declare("prefix_hidden", HyperparameterType.INT, ValueRange.atLeast(1)),
          declare("shift_positions", HyperparameterType.BOOLEAN, ValueRange.ANY),
          declare("dropout", HyperparameterType.DOUBLE, new ValueRange(0, true, 0.999)),
          declare("max_len", HyperparameterType.INT, ValueRange.atLeast(4)),
          declare("held_out_fraction", HyperparameterType.DOUBLE, new ValueRange(0, true, 0.9)),
          declare("max_train_examples", HyperparameterType.INT, ValueRange.atLeast(1)),
          declare("max_dev_examples", HyperparameterType.INT, ValueRange.atLeast(1)),
          declare("max_test_examples", HyperparameterType.INT, ValueRange.atLeast(1)),
          declare("head", HyperparameterType.STRING, ValueRange.ANY),
          declare("label_words", HyperparameterType.STRING, ValueRange.ANY),
          declare("doc_stride", HyperparameterType.INT, ValueRange.atLeast(1)),
          declare("skip_bad_records", HyperparameterType.BOOLEAN, ValueRange.ANY));

  private static Map.Entry<String, Declared> declare(String name, HyperparameterType type, ValueRange range) {
    return Map.entry(name, new Declared(type, range));
  }

  private final Map<String, HyperparameterType> types;

  public HyperparameterCatalog(Map<String, HyperparameterType> declared) {
    this.types = new TreeMap<>();
    BUILT_IN.forEach((name, d) -> types.put(name, d.type()));
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
    Declared d = BUILT_IN.get(name);
    if (d == null || types.get(name) != d.type() || !value.isNumber()) {
      return null;
    }
    return d.range().problem(value.asDouble());
  }

  public Iterable<String> names() {
    return types.keySet();
  }
}
