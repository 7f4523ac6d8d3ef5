package ptune.predict;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ptune.dataset.Example;
import ptune.dataset.Label;
import ptune.dataset.LabelSet;
import ptune.dataset.SentencePairExample;
import ptune.dataset.Task;
import ptune.dataset.TokenTaggingExample;

/**
 * How the gold labels of the examples scored (task {@code from}) read as labels of the task a
 * checkpoint was trained on ({@code to}): by name, or as declared ({@code --label-map a=b,c=d}, a
 * label of {@code from} to one of {@code to}). Tasks of another kind, or with a label that has no
 * counterpart, are refused before the model loads.
 */
final class LabelMapping {
  private final Task to;
  private final Map<String, String> names; // from-label -> to-label, every from-label

  private LabelMapping(Task to, Map<String, String> names) {
    this.to = to;
    this.names = names;
  }

  /** Parses {@code a=b,c=d}; null or empty for none. */
  static Map<String, String> parse(String spec) {
    Map<String, String> declared = new LinkedHashMap<>();
    if (spec == null || spec.isBlank()) {
      return declared;
    }
    for (String pair : spec.split(",")) {
      String[] parts = pair.split("=", -1);
      if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
        throw new IllegalArgumentException("--label-map: '" + pair
            + "' is not label=label (expected e.g. --label-map not_entailment=contradiction)");
      }
      if (declared.put(parts[0].trim(), parts[1].trim()) != null) {
        throw new IllegalArgumentException("--label-map: label '" + parts[0].trim()
            + "' is mapped twice");
      }
    }
    return declared;
  }

  static LabelMapping between(Task from, Task to, Map<String, String> declared) {
    if (from.kind() != to.kind()) {
      throw new IllegalArgumentException("task " + from.name() + " is " + from.kind()
          + ", the checkpoint's task " + to.name() + " is " + to.kind() + ": they cannot be scored"
          + " with one another");
    }
    LabelSet fromLabels = from.labels();
    for (String key : declared.keySet()) {
      if (!fromLabels.contains(key)) {
        throw new IllegalArgumentException("--label-map: '" + key + "' is no label of task "
            + from.name() + " " + fromLabels.names());
      }
    }
    Map<String, String> names = new LinkedHashMap<>();
    List<String> missing = new ArrayList<>();
    for (String label : fromLabels.names()) {
      String target = declared.getOrDefault(label, label);
      if (!to.labels().contains(target)) {
        missing.add(declared.containsKey(label) ? label + "=" + target : label);
      }
      names.put(label, target);
    }
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException("task " + from.name() + " labels " + missing
          + " have no counterpart among the labels " + to.labels().names() + " of the checkpoint's"
          + " task " + to.name() + "; declare one with --label-map " + missing.get(0).split("=")[0]
          + "=<label of " + to.name() + ">");
    }
    return new LabelMapping(to, names);
  }

  /** The examples with their gold labels as labels of the checkpoint's task. */
  List<Example> apply(Task from, List<Example> examples) {
    if (names.isEmpty()) {
      return examples; // regression, multiple choice, QA: no label names
    }
    List<Example> out = new ArrayList<>(examples.size());
    for (Example e : examples) {
      if (e instanceof SentencePairExample pair && pair.label() instanceof Label.Category c) {
        int index = to.labels().indexOf(names.get(from.labels().name(c.index())), "label");
        out.add(new SentencePairExample(pair.id(), pair.textA(), pair.textB(),
            Label.category(index), pair.source()));
      } else if (e instanceof TokenTaggingExample tagged) {
        out.add(new TokenTaggingExample(tagged.id(), tagged.words(),
            tagged.tags().stream().map(names::get).toList(), tagged.predicateIndex()));
      } else {
        out.add(e);
      }
    }
    return out;
  }
}
