package ptune.dataset;

import java.util.List;

/**
 * A context paired with each of several choices; the model scores every pair (COPA). {@code context}
 * is the official template's first segment (for COPA: premise + " because" / " so").
 *
 * @param label index of the correct choice, or {@link #NO_LABEL} on test splits
 */
public record MultipleChoiceExample(String id, String context, List<String> choices, int label)
    implements Example {

  public static final int NO_LABEL = -1;

  public MultipleChoiceExample {
    choices = List.copyOf(choices);
  }
}
