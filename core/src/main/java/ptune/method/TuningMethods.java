package ptune.method;

import ai.djl.ndarray.NDManager;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import ptune.model.BertModel;

/**
 * The one place that lists every tuning method: each declares its own {@link MethodDefinition};
 * configs, the trial runner, the driver's checks, the bench and the tables all ask here. A new
 * method is its own class plus one entry in {@link #ALL}.
 */
public final class TuningMethods {
  /** In the paper's row order (FT, PT, PT-2), which tables follow. */
  public static final List<MethodDefinition> ALL =
      List.of(FineTuning.DEFINITION, PromptTuning.DEFINITION, DeepPromptTuning.DEFINITION);

  public static final List<String> NAMES = ALL.stream().map(MethodDefinition::name).toList();

  private TuningMethods() {}

  public static Optional<MethodDefinition> find(String name) {
    return ALL.stream().filter(d -> d.name().equals(name)).findFirst();
  }

  /** @throws IllegalArgumentException for an unknown name, listing the known ones */
  public static MethodDefinition get(String name) {
    return find(name).orElseThrow(() -> new IllegalArgumentException(
        "unknown method '" + name + "'; known methods: " + NAMES));
  }

  /**
   * Creates the method and freezes the backbone unless the method tunes it.
   *
   * @throws IllegalArgumentException for an unknown name, listing the known ones
   */
  public static TuningMethod create(
      String name, BertModel model, PromptConfig prompt, NDManager manager, Random random) {
    MethodDefinition definition = get(name);
    TuningMethod method = definition.factory().create(model, prompt, manager, random);
    if (!definition.tunesBackbone()) {
      model.freezeParameters(true);
    }
    return method;
  }
}
