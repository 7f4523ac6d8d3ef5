package ptune.method;

import ai.djl.ndarray.NDManager;
import java.util.List;
import java.util.Random;
import ptune.model.BertModel;

/** The one place that knows every tuning method by name. */
public final class TuningMethods {
  public static final List<String> NAMES = List.of("ft", "pt", "pt2");

  private TuningMethods() {}

  /**
   * Creates the method and freezes the backbone unless the method tunes it.
   *
   * @throws IllegalArgumentException for an unknown name, listing the known ones
   */
  public static TuningMethod create(
      String name, BertModel model, PromptConfig prompt, NDManager manager, Random random) {
    TuningMethod method =
        switch (name) {
          case "ft" -> new FineTuning(model);
          case "pt" -> new PromptTuning(model, prompt, manager, random);
          case "pt2" -> new PrefixTuning(model.config(), prompt, manager, random);
          default -> throw new IllegalArgumentException(
              "unknown method '" + name + "'; known methods: " + NAMES);
        };
    if (!(method instanceof FineTuning)) {
      model.freezeParameters(true);
    }
    return method;
  }
}
