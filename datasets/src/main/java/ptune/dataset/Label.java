package ptune.dataset;

/** Gold target of a sentence-pair example: a class index, a real score (STS-B), or none (test). */
public sealed interface Label {

  /** Index into the task's label list. */
  record Category(int index) implements Label {}

  /** Regression target. */
  record Score(double value) implements Label {}

  /** Test splits carry no gold label. */
  record Unlabeled() implements Label {}

  Label UNLABELED = new Unlabeled();

  static Label category(int index) {
    return new Category(index);
  }

  static Label score(double value) {
    return new Score(value);
  }

  default boolean isPresent() {
    return !(this instanceof Unlabeled);
  }

  /** The class index; fails for scores and unlabeled examples, which have none. */
  default int index() {
    if (this instanceof Category c) {
      return c.index();
    }
    throw new IllegalStateException("not a class label: " + this);
  }
}
