package ptune.dataset.ner;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import ptune.dataset.RecordProblem;

/**
 * How a tagging file marks entity spans. Trials train and score BIO (IOB2), the scheme of the data
 * P-tuning v2 trains on, so every file's tags are converted to it on reading:
 * <ul>
 *   <li>BIO: "B-" starts every entity, "I-" continues it;
 *   <li>IOB1 (CoNLL-2003's original release): "I-" everywhere, "B-" only where an entity directly
 *       follows one of the same type;
 *   <li>BIOES: "S-" is a one-token entity, "E-" ends a longer one.
 * </ul>
 */
public enum TagScheme {
  BIO("B", "I"),
  IOB1("B", "I"),
  BIOES("B", "I", "E", "S");

  private final List<String> prefixes;

  TagScheme(String... prefixes) {
    this.prefixes = List.of(prefixes);
  }

  /** The scheme of a config value ("bio", "iob2", "iob1", "bioes", "iobes"), or null. */
  public static TagScheme named(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "bio", "iob2" -> BIO;
      case "iob1" -> IOB1;
      case "bioes", "iobes" -> BIOES;
      default -> null;
    };
  }

  /** The tags of one sentence in BIO; a tag this scheme does not have is a {@link RecordProblem}. */
  public List<String> toBio(List<String> tags, String field) {
    for (String tag : tags) {
      int dash = tag.indexOf('-');
      boolean typed = dash > 0 && dash < tag.length() - 1 && prefixes.contains(tag.substring(0, dash));
      if (!tag.equals("O") && !typed) {
        throw new RecordProblem(field, "tag '" + tag + "' is not " + name() + " (O, or "
            + String.join("-, ", prefixes) + "- and a type)");
      }
    }
    return switch (this) {
      case BIO -> List.copyOf(tags);
      case IOB1 -> fromIob1(tags);
      case BIOES -> tags.stream().map(t -> t.startsWith("S-") ? "B-" + t.substring(2)
          : t.startsWith("E-") ? "I-" + t.substring(2) : t).toList();
    };
  }

  private static List<String> fromIob1(List<String> iob1) {
    List<String> bio = new ArrayList<>(iob1.size());
    String previous = "O";
    for (String tag : iob1) {
      boolean starts = tag.startsWith("I-")
          && (previous.equals("O") || !previous.substring(2).equals(tag.substring(2)));
      bio.add(starts ? "B-" + tag.substring(2) : tag);
      previous = tag;
    }
    return bio;
  }
}
