package ptune.dataset;

import java.util.Objects;

/**
 * One or two text segments with a label: GLUE tasks, BoolQ/CB/RTE, and the SuperGLUE tasks that the
 * official code turns into pairs (WiC, WSC, MultiRC, ReCoRD). {@code textA}/{@code textB} already
 * hold the official template's output; {@code source} keeps the raw fields that metrics need.
 *
 * @param textB second segment, or null for single-sentence inputs
 */
public record SentencePairExample(
    String id, String textA, String textB, Label label, PairSource source) implements Example {

  public SentencePairExample {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(textA, "textA");
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(source, "source");
  }

  public SentencePairExample(String id, String textA, String textB, Label label) {
    this(id, textA, textB, label, PairSource.PLAIN);
  }

  public boolean isPair() {
    return textB != null;
  }
}
