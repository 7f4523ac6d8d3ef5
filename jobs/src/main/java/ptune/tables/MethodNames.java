package ptune.tables;

import java.util.List;

/** How the paper names the methods, and its row order (FT, PT, PT-2). */
final class MethodNames {

  private static final List<String> ORDER = List.of("ft", "pt", "pt2");

  private MethodNames() {}

  static String display(String method) {
    return switch (method) {
      case "ft" -> "FT";
      case "pt" -> "PT";
      case "pt2" -> "PT-2";
      default -> method.toUpperCase();
    };
  }

  static int order(String method) {
    int i = ORDER.indexOf(method);
    return i < 0 ? ORDER.size() : i;
  }
}
