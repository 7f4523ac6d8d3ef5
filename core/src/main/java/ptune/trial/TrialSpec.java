package ptune.trial;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import ptune.dataset.DataFiles;
import ptune.dataset.Task;
import ptune.tasks.TaskDefinition;
import ptune.tasks.TaskDefinitionJson;
import ptune.tasks.TaskRegistry;

/**
 * Everything that defines one trial: which backbone, method and task, which seed, and the
 * hyperparameters (learning rate, epochs, prompt length, ...) as canonical strings.
 *
 * <p>The trial id is a hash of exactly these fields, so the same grid point in a rerun of a sweep
 * gets the same id and can be skipped when its result already exists.
 */
public record TrialSpec(
    String sweep,
    String backbone,
    String method,
    String task,
    long seed,
    SortedMap<String, String> hyperparameters,
    TaskDefinition taskDefinition)
    implements Serializable {

  /**
   * @param taskDefinition the sweep's declaration of {@code task} (a dataset of the user's own), or
   *     null for a built-in task
   */
  public TrialSpec {
    hyperparameters = Collections.unmodifiableSortedMap(new TreeMap<>(hyperparameters));
    if (taskDefinition != null && !taskDefinition.name().equals(task)) {
      throw new IllegalArgumentException("task " + task + " with the definition of " + taskDefinition.name());
    }
  }

  /** A trial of a built-in task. */
  public TrialSpec(String sweep, String backbone, String method, String task, long seed,
      SortedMap<String, String> hyperparameters) {
    this(sweep, backbone, method, task, seed, hyperparameters, null);
  }

  public static TrialSpec of(
      String sweep, String backbone, String method, String task, long seed, Map<String, ?> hp) {
    TreeMap<String, String> canonical = new TreeMap<>();
    hp.forEach((k, v) -> canonical.put(k, String.valueOf(v)));
    return new TrialSpec(sweep, backbone, method, task, seed, canonical);
  }

  /** This trial on a task the sweep declared (null: the built-in task of its name). */
  public TrialSpec withTaskDefinition(TaskDefinition definition) {
    return new TrialSpec(sweep, backbone, method, task, seed, hyperparameters, definition);
  }

  /** The definition of the trial's task: the sweep's declaration, else the built-in one. */
  public TaskDefinition definitionOfTask() {
    return taskDefinition != null ? taskDefinition : TaskRegistry.definition(task);
  }

  /**
   * The task this trial runs: the sweep's declaration of it (labels read from its train files when
   * it declares none), else the built-in task of that name.
   *
   * @throws IllegalArgumentException for an unknown built-in name
   */
  public Task loadTask(DataFiles files) {
    return taskDefinition == null ? TaskRegistry.get(task) : taskDefinition.task(files);
  }

  /**
   * Stable id: first 16 hex digits of SHA-256 over the canonical form (sweep name excluded). A
   * declared task adds its whole declaration, so a changed mapping or file is a new trial.
   */
  public String trialId() {
    StringBuilder canonical = new StringBuilder();
    canonical.append("backbone=").append(backbone).append('\n');
    canonical.append("method=").append(method).append('\n');
    canonical.append("task=").append(task).append('\n');
    canonical.append("seed=").append(seed).append('\n');
    hyperparameters.forEach((k, v) -> canonical.append(k).append('=').append(v).append('\n'));
    if (taskDefinition != null) {
      canonical.append("task_definition=").append(TaskDefinitionJson.write(taskDefinition)).append('\n');
    }
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
    }
  }

  public String get(String key, String defaultValue) {
    return hyperparameters.getOrDefault(key, defaultValue);
  }

  public int getInt(String key, int defaultValue) {
    String v = hyperparameters.get(key);
    return v == null ? defaultValue : Integer.parseInt(v.trim());
  }

  public double getDouble(String key, double defaultValue) {
    String v = hyperparameters.get(key);
    return v == null ? defaultValue : Double.parseDouble(v.trim());
  }

  public boolean getBoolean(String key, boolean defaultValue) {
    String v = hyperparameters.get(key);
    return v == null ? defaultValue : Boolean.parseBoolean(v.trim());
  }
}
