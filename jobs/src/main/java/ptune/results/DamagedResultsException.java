package ptune.results;

import java.util.List;

/**
 * Part files that cannot be read as a trial's result (truncated, checksum mismatch, not a result
 * row). The consolidated tables are never rewritten from what is left: a rerun of the sweep moves
 * the parts aside and redoes their trials.
 */
public class DamagedResultsException extends IllegalStateException {

  private final List<String> parts;

  public DamagedResultsException(List<String> parts) {
    super("damaged result part(s), not consolidated: " + String.join("; ", parts)
        + " (rerun the sweep: it moves them to trials/damaged/ and runs their trials again)");
    this.parts = List.copyOf(parts);
  }

  public List<String> parts() {
    return parts;
  }
}
