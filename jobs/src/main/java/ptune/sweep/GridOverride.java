package ptune.sweep;

import java.util.Map;

/**
 * Grid values for a subset of the sweep: the paper tunes learning rate and prompt length per task
 * and method. A null selector matches everything; more specific overrides win.
 */
public record GridOverride(String backbone, String method, String task, Map<String, GridAxis> grid) {

  boolean matches(String backbone, String method, String task) {
    return (this.backbone == null || this.backbone.equals(backbone))
        && (this.method == null || this.method.equals(method))
        && (this.task == null || this.task.equals(task));
  }

  int specificity() {
    return (backbone == null ? 0 : 1) + (method == null ? 0 : 1) + (task == null ? 0 : 1);
  }
}
