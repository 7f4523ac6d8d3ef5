package ptune.tables;

import ptune.method.MethodDefinition;
import ptune.method.TuningMethods;

/**
 * How the tables name the methods and order their rows: as {@link TuningMethods} declares them
 * (the paper's FT, PT, PT-2 in that order); a custom runner's method keeps its name in capitals,
 * after the known ones.
 */
final class MethodNames {

  private MethodNames() {}

  static String display(String method) {
    return TuningMethods.find(method).map(MethodDefinition::displayName)
        .orElse(method.toUpperCase());
  }

  static int order(String method) {
    int i = TuningMethods.NAMES.indexOf(method);
    return i < 0 ? TuningMethods.NAMES.size() : i;
  }
}
