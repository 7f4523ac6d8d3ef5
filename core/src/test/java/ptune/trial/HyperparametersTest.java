package ptune.trial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import ptune.method.PromptConfig;
import ptune.trainer.TrainerConfig;

/** The key definitions: complete, read with their defaults, and the official values. */
class HyperparametersTest {

  private static TrialSpec spec(String method, Map<String, ?> hp) {
    return TrialSpec.of("s", "minilm-l6", method, "rte", 1, hp);
  }

  @Test
  void everyDefinedKeyIsListedOnce() throws IllegalAccessException {
    Set<Object> declared = new HashSet<>();
    for (Field f : Hyperparameters.class.getFields()) {
      if (Modifier.isStatic(f.getModifiers()) && f.getType() == Hyperparameter.class) {
        declared.add(f.get(null));
      }
    }
    assertEquals(declared, new HashSet<>(Hyperparameters.ALL));
    assertEquals(Hyperparameters.ALL.size(),
        Hyperparameters.ALL.stream().map(Hyperparameter::name).distinct().count());
  }

  @Test
  void valuesAreParsedAndDefaultsFillTheRest() {
    TrialSpec s = spec("pt2", Map.of("prefix_len", " 8 ", "dropout", "0.0", "prefix_projection", true));
    assertEquals(8, Hyperparameters.PREFIX_LEN.read(s));
    assertTrue(Hyperparameters.PREFIX_LEN.isSetIn(s));
    assertFalse(Hyperparameters.MAX_LEN.isSetIn(s));
    assertEquals(128, Hyperparameters.MAX_LEN.read(s));
    assertNull(Hyperparameters.LABEL_WORDS.readOr(s, null));
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> Hyperparameters.LR.read(s));
    assertTrue(e.getMessage().startsWith("lr has no fixed default"), e.getMessage());

    PromptConfig prompt = TrialHyperparameters.prompt(s, 6);
    assertEquals(new PromptConfig(8, 6, false, true, 512, 0f, true), prompt);
  }

  @Test
  void anEmptySpecGetsTheOfficialDefaults() {
    assertEquals(PromptConfig.defaults(16, 12), TrialHyperparameters.prompt(spec("pt2", Map.of()), 12));
    assertEquals(TrainerConfig.officialSuperGlue(2e-5, 10, 16, 1),
        TrialHyperparameters.trainer(spec("ft", Map.of()), false));
    assertEquals(TrainerConfig.officialSuperGlue(1e-2, 10, 16, 1),
        TrialHyperparameters.trainer(spec("pt", Map.of()), false));
    assertEquals(TrainerConfig.Schedule.EXPONENTIAL,
        TrialHyperparameters.trainer(spec("pt", Map.of()), true).schedule());
  }
}
