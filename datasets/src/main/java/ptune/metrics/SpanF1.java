package ptune.metrics;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Entity-level micro precision/recall/F1 over tag sequences: a predicted entity counts only when
 * type, start and end all match a gold entity (seqeval's overall scores; also used for SRL
 * arguments with the verb excluded).
 */
public final class SpanF1 {

  private SpanF1() {}

  /** Keys "precision", "recall", "f1" and "accuracy" (token accuracy, as seqeval reports it). */
  public static Map<String, Double> score(
      List<List<String>> predicted, List<List<String>> gold, Predicate<String> countsType) {
    if (predicted.size() != gold.size()) {
      throw new IllegalArgumentException(predicted.size() + " predicted sentences for " + gold.size() + " gold");
    }
    long tokens = 0;
    long correctTokens = 0;
    for (int s = 0; s < gold.size(); s++) {
      if (predicted.get(s).size() != gold.get(s).size()) {
        throw new IllegalArgumentException(
            "sentence " + s + ": " + predicted.get(s).size() + " predicted tags for " + gold.get(s).size() + " words");
      }
      for (int t = 0; t < gold.get(s).size(); t++) {
        tokens++;
        if (predicted.get(s).get(t).equals(gold.get(s).get(t))) {
          correctTokens++;
        }
      }
    }
    Set<Entity> predictedEntities = filtered(EntityChunker.entities(predicted), countsType);
    Set<Entity> goldEntities = filtered(EntityChunker.entities(gold), countsType);
    long matched = predictedEntities.stream().filter(goldEntities::contains).count();
    F1 f1 = F1.fromCounts(matched, predictedEntities.size(), goldEntities.size());
    Map<String, Double> metrics = new LinkedHashMap<>();
    metrics.put("precision", f1.precision());
    metrics.put("recall", f1.recall());
    metrics.put("f1", f1.f1());
    metrics.put("accuracy", tokens == 0 ? 0 : (double) correctTokens / tokens);
    return metrics;
  }

  private static Set<Entity> filtered(List<Entity> entities, Predicate<String> countsType) {
    Set<Entity> kept = new HashSet<>();
    for (Entity entity : entities) {
      if (countsType.test(entity.type())) {
        kept.add(entity);
      }
    }
    return kept;
  }
}
