package ptune.trial;

/**
 * One hyperparameter key a trial reads: its name in configs and specs, its value type, its default,
 * the values it accepts and what it does. Defined once, in {@link Hyperparameters}; the trial reads
 * its value through it and the sweep config's validator checks grid values against it.
 *
 * @param type Integer, Double, Boolean or String
 * @param defaultValue null where the default depends on the trial (the method's learning rate, the
 *     backbone's depth, the task kind's schedule); {@code doc} says what it is then
 * @param range the accepted values of a numeric key ({@link ValueRange#ANY} for the others)
 */
public record Hyperparameter<T>(String name, Class<T> type, T defaultValue, ValueRange range,
    String doc) {

  public Hyperparameter {
    if (type != Integer.class && type != Double.class && type != Boolean.class
        && type != String.class) {
      throw new IllegalArgumentException(name + ": no hyperparameter of type " + type.getName());
    }
  }

  /** The spec's value, else the default; only for a key whose default is fixed. */
  public T read(TrialSpec spec) {
    if (defaultValue == null) {
      throw new IllegalStateException(name + " has no fixed default (" + doc + "): use readOr");
    }
    return readOr(spec, defaultValue);
  }

  /** The spec's value, else {@code fallback}: the default of a key whose default depends on the trial. */
  public T readOr(TrialSpec spec, T fallback) {
    String value = spec.hyperparameters().get(name);
    return value == null ? fallback : parse(value);
  }

  public boolean isSetIn(TrialSpec spec) {
    return spec.hyperparameters().containsKey(name);
  }

  private T parse(String value) {
    Object parsed;
    if (type == Integer.class) {
      parsed = Integer.parseInt(value.trim());
    } else if (type == Double.class) {
      parsed = Double.parseDouble(value.trim());
    } else if (type == Boolean.class) {
      parsed = Boolean.parseBoolean(value.trim());
    } else {
      parsed = value;
    }
    return type.cast(parsed);
  }
}
