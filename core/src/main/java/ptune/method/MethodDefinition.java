package ptune.method;

import ai.djl.ndarray.NDManager;
import java.util.Random;
import ptune.model.BertModel;

/**
 * What the rest of ptune knows of a tuning method, declared by the method itself (its {@code
 * DEFINITION}) and listed in {@link TuningMethods}: configs and result rows use {@code name}, tables
 * {@code displayName}; the backbone is frozen unless {@code tunesBackbone}; {@code
 * defaultLearningRate} is the trial's {@code lr} when the config sets none; {@code prompt} says what
 * the driver checks before a trial (a prompt of at least one token, positions within the
 * backbone's table).
 */
public record MethodDefinition(
    String name,
    String displayName,
    boolean tunesBackbone,
    double defaultLearningRate,
    PromptPlacement prompt,
    Factory factory) {

  /** Builds the method on a model; the registry freezes the backbone afterwards if it should. */
  @FunctionalInterface
  public interface Factory {
    TuningMethod create(BertModel model, PromptConfig prompt, NDManager manager, Random random);
  }
}
