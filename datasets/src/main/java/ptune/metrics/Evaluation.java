package ptune.metrics;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * All metrics of a task on one split (its official ones, then the rest of its kind's), and which
 * of them selects the best epoch. All values are fractions in [0, 1] (papers print them times 100).
 */
public record Evaluation(Map<String, Double> metrics, String selectionKey) {

  public Evaluation {
    metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    if (!metrics.containsKey(selectionKey)) {
      throw new IllegalArgumentException("selection key " + selectionKey + " not in " + metrics.keySet());
    }
  }

  public double selectionScore() {
    return metrics.get(selectionKey);
  }
}
