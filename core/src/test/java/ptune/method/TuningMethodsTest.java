package ptune.method;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import ptune.backbone.Backbone;
import ptune.backbone.BackboneRegistry;
import ptune.model.BertModel;

/** The registry: names and facts as the methods declare them, and freezing decided by them. */
class TuningMethodsTest {

  @Test
  void listsThePapersMethodsInItsOrderWithTheirOfficialLearningRates() {
    assertEquals(List.of("ft", "pt", "pt2"), TuningMethods.NAMES);
    assertEquals(List.of("FT", "PT", "PT-2"),
        TuningMethods.ALL.stream().map(MethodDefinition::displayName).toList());
    assertEquals(2e-5, TuningMethods.get("ft").defaultLearningRate());
    assertEquals(1e-2, TuningMethods.get("pt2").defaultLearningRate());
    assertEquals(List.of(true, false, false),
        TuningMethods.ALL.stream().map(MethodDefinition::tunesBackbone).toList());
  }

  @Test
  void unknownNameListsTheKnownOnes() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TuningMethods.get("lora"));
    assertEquals("unknown method 'lora'; known methods: [ft, pt, pt2]", e.getMessage());
  }

  @Test
  void promptPositionsFollowThePlacement() {
    PromptConfig prompt = PromptConfig.defaults(8, 6);
    PromptConfig unshifted = new PromptConfig(8, 6, false, false, 512, 0.1f, false);
    assertEquals(0, TuningMethods.get("ft").prompt().positionsUsed(prompt));
    assertEquals(8, TuningMethods.get("pt").prompt().positionsUsed(unshifted));
    assertEquals(8, TuningMethods.get("pt2").prompt().positionsUsed(prompt));
    assertEquals(0, TuningMethods.get("pt2").prompt().positionsUsed(unshifted));
  }

  @Test
  void theBackboneIsFrozenExactlyWhenTheMethodDoesNotTuneIt() throws Exception {
    Backbone backbone = BackboneRegistry.load("minilm-l6");
    for (MethodDefinition definition : TuningMethods.ALL) {
      try (NDManager manager = NDManager.newBaseManager()) {
        BertModel model = backbone.newModel(manager);
        TuningMethods.create(definition.name(), model, PromptConfig.defaults(2, 6), manager,
            new Random(1));
        for (BertModel.NamedParameter p : model.namedParameters()) {
          boolean trains = p.parameter().getArray().hasGradient();
          if (definition.tunesBackbone()) {
            assertTrue(trains, definition.name() + ": " + p.name() + " is frozen");
          } else {
            assertFalse(trains, definition.name() + ": " + p.name() + " trains");
          }
        }
      }
    }
  }
}
