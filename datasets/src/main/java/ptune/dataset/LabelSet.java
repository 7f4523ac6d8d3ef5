package ptune.dataset;

import java.util.List;

/** A task's ordered label list, used to turn raw label strings into class indices. */
public record LabelSet(List<String> names) {

  public static final LabelSet NONE = new LabelSet(List.of());

  public LabelSet {
    names = List.copyOf(names);
  }

  public static LabelSet of(String... names) {
    return new LabelSet(List.of(names));
  }

  /**
   * @throws RecordProblem naming {@code field} when the label is not in the set
   */
  public int indexOf(String name, String field) {
    int index = names.indexOf(name);
    if (index < 0) {
      throw new RecordProblem(field, "unknown label '" + name + "', expected one of " + names);
    }
    return index;
  }

  public String name(int index) {
    return names.get(index);
  }

  public int size() {
    return names.size();
  }

  public boolean contains(String name) {
    return names.contains(name);
  }
}
