package ptune.sweep;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import ptune.trial.TrialSpec;

/**
 * Expands a sweep into its trials: for every backbone x method x task the base grid with the
 * matching overrides applied (more specific ones last), the cartesian product of its axes, and
 * every seed. Duplicates (the same grid point reached twice) are kept once, in first-seen order.
 */
public final class GridExpander {

  private GridExpander() {}

  public static List<TrialSpec> expand(SweepConfig config) {
    HyperparameterCatalog catalog = config.catalog();
    Map<String, TrialSpec> byId = new LinkedHashMap<>();
    for (String backbone : config.backbones()) {
      for (String method : config.methods()) {
        for (String task : config.tasks()) {
          Map<String, List<String>> axes = effectiveGrid(config, catalog, backbone, method, task);
          for (Map<String, String> point : cartesian(axes)) {
            for (long seed : config.seeds()) {
              TrialSpec spec = TrialSpec.of(config.name(), backbone, method, task, seed, point);
              byId.putIfAbsent(spec.trialId(), spec);
            }
          }
        }
      }
    }
    return List.copyOf(byId.values());
  }

  private static Map<String, List<String>> effectiveGrid(
      SweepConfig config, HyperparameterCatalog catalog, String backbone, String method, String task) {
    Map<String, GridAxis> merged = new TreeMap<>(config.grid());
    config.overrides().stream()
        .filter(o -> o.matches(backbone, method, task))
        .sorted(Comparator.comparingInt(GridOverride::specificity))
        .forEach(o -> merged.putAll(o.grid()));
    Map<String, List<String>> axes = new TreeMap<>();
    merged.forEach(
        (name, axis) -> {
          if (!axis.notApplicable()) {
            HyperparameterType type = catalog.typeOf(name);
            axes.put(name, axis.values().stream().map(type::canonical).distinct().toList());
          }
        });
    return axes;
  }

  private static List<Map<String, String>> cartesian(Map<String, List<String>> axes) {
    List<Map<String, String>> points = new ArrayList<>();
    points.add(new TreeMap<>());
    for (Map.Entry<String, List<String>> axis : axes.entrySet()) {
      List<Map<String, String>> next = new ArrayList<>();
      for (Map<String, String> point : points) {
        for (String value : axis.getValue()) {
          Map<String, String> extended = new TreeMap<>(point);
          extended.put(axis.getKey(), value);
          next.add(extended);
        }
      }
      points = next;
    }
    return points;
  }
}
