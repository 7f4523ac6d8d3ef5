package ptune.sweep;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import ptune.tasks.TaskDefinition;
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
    Map<String, TaskDefinition> declared = config.declaredTasks();
    Map<String, TrialSpec> byId = new LinkedHashMap<>();
    for (String backbone : config.backbones()) {
      for (String method : config.methods()) {
        for (String task : config.tasks()) {
          Map<String, List<String>> axes = effectiveGrid(config, catalog, backbone, method, task);
          for (Map<String, String> point : cartesian(axes)) {
            for (long seed : config.seeds()) {
              TrialSpec spec = TrialSpec.of(config.name(), backbone, method, task, seed, point)
                  .withTaskDefinition(declared.get(task)); // null for a built-in task
              byId.putIfAbsent(spec.trialId(), spec);
            }
          }
        }
      }
    }
    return List.copyOf(byId.values());
  }

  /** Where a trial's hyperparameter was set: the config key ({@code grid.lr}, {@code overrides[1].grid.lr}) and its line. */
  public record AxisSource(String key, int line) {}

  /**
   * The config key that gave each hyperparameter of the trials of (backbone, method, task): the
   * most specific matching override that sets it, else the base grid.
   */
  public static Map<String, AxisSource> sources(SweepConfig config, String backbone, String method, String task) {
    Map<String, AxisSource> sources = new TreeMap<>();
    effectiveAxes(config, backbone, method, task).forEach((name, sourced) -> sources.put(name, sourced.source()));
    return sources;
  }

  private record SourcedAxis(GridAxis axis, AxisSource source) {}

  private static Map<String, SourcedAxis> effectiveAxes(SweepConfig config, String backbone, String method, String task) {
    Map<String, SourcedAxis> merged = new TreeMap<>();
    config.grid().forEach((name, axis) -> merged.put(name, new SourcedAxis(axis, new AxisSource("grid." + name, axis.line()))));
    List<Integer> matching = new ArrayList<>();
    for (int i = 0; i < config.overrides().size(); i++) {
      if (config.overrides().get(i).matches(backbone, method, task)) {
        matching.add(i);
      }
    }
    matching.sort(Comparator.comparingInt(i -> config.overrides().get(i).specificity()));
    for (int i : matching) {
      String prefix = "overrides[" + i + "].grid.";
      config.overrides().get(i).grid().forEach(
          (name, axis) -> merged.put(name, new SourcedAxis(axis, new AxisSource(prefix + name, axis.line()))));
    }
    merged.values().removeIf(sourced -> sourced.axis().notApplicable());
    return merged;
  }

  private static Map<String, List<String>> effectiveGrid(
      SweepConfig config, HyperparameterCatalog catalog, String backbone, String method, String task) {
    Map<String, List<String>> axes = new TreeMap<>();
    effectiveAxes(config, backbone, method, task).forEach((name, sourced) -> {
      HyperparameterType type = catalog.typeOf(name);
      axes.put(name, sourced.axis().values().stream().map(type::canonical).distinct().toList());
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
