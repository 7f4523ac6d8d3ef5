package ptune.sweep;

import java.util.Map;
import java.util.TreeMap;

/**
 * The hyperparameters a sweep may vary and their types. The built-in ones are those the trial
 * runner reads; a config can declare more under {@code hyperparameter_types} (a custom runner's
 * knobs), so a misspelt name is an error instead of a silently ignored column.
 */
public final class HyperparameterCatalog {

  /** What ptune.trial.TrialHyperparameters and PromptTuningTrialRunner read. */
  private static final Map<String, HyperparameterType> BUILT_IN =
      Map.ofEntries(
          Map.entry("lr", HyperparameterType.DOUBLE),
          Map.entry("epochs", HyperparameterType.INT),
          Map.entry("batch_size", HyperparameterType.INT),
          Map.entry("eval_batch_size", HyperparameterType.INT),
          Map.entry("accumulation", HyperparameterType.INT),
          Map.entry("weight_decay", HyperparameterType.DOUBLE),
          Map.entry("warmup_ratio", HyperparameterType.DOUBLE),
          Map.entry("schedule", HyperparameterType.STRING),
          Map.entry("gamma", HyperparameterType.DOUBLE),
          Map.entry("max_grad_norm", HyperparameterType.DOUBLE),
          Map.entry("patience", HyperparameterType.INT),
          Map.entry("prefix_len", HyperparameterType.INT),
          Map.entry("prefix_depth", HyperparameterType.INT),
          Map.entry("prefix_depth_from", HyperparameterType.STRING),
          Map.entry("prefix_projection", HyperparameterType.BOOLEAN),
          Map.entry("prefix_hidden", HyperparameterType.INT),
          Map.entry("shift_positions", HyperparameterType.BOOLEAN),
          Map.entry("dropout", HyperparameterType.DOUBLE),
          Map.entry("max_len", HyperparameterType.INT),
          Map.entry("held_out_fraction", HyperparameterType.DOUBLE),
          Map.entry("max_train_examples", HyperparameterType.INT),
          Map.entry("max_dev_examples", HyperparameterType.INT),
          Map.entry("max_test_examples", HyperparameterType.INT),
          Map.entry("head", HyperparameterType.STRING),
          Map.entry("label_words", HyperparameterType.STRING),
          Map.entry("doc_stride", HyperparameterType.INT),
          Map.entry("skip_bad_records", HyperparameterType.BOOLEAN));

  private final Map<String, HyperparameterType> types;

  public HyperparameterCatalog(Map<String, HyperparameterType> declared) {
    this.types = new TreeMap<>(BUILT_IN);
    if (declared != null) {
      types.putAll(declared);
    }
  }

  /** The type of {@code name}, or null when no one declared it. */
  public HyperparameterType typeOf(String name) {
    return types.get(name);
  }

  public Iterable<String> names() {
    return types.keySet();
  }
}
