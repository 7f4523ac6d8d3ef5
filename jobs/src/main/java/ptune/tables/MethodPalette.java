package ptune.tables;

import java.awt.Color;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ptune.method.TuningMethods;

/**
 * One colour per method, the same in every figure of a sweep, from the Okabe-Ito palette (safe for
 * the common colour-vision deficiencies and readable on white). The methods {@link TuningMethods}
 * lists have fixed colours, in its order; any other method takes the next unused colour in name
 * order, so a sweep's figures agree because they are all drawn with the palette of the sweep's full
 * method list.
 */
public final class MethodPalette {

  static final Color BLUE = new Color(0x0072B2);
  static final Color ORANGE = new Color(0xE69F00);
  static final Color GREEN = new Color(0x009E73);
  static final Color PURPLE = new Color(0xCC79A7);
  static final Color SKY = new Color(0x56B4E9);
  static final Color VERMILLION = new Color(0xD55E00);
  static final Color BLACK = Color.BLACK;

  // Okabe-Ito's yellow is left out: too light for lines on white.
  private static final List<Color> COLORS = List.of(BLUE, ORANGE, GREEN, PURPLE, SKY, VERMILLION, BLACK);
  private static final Map<String, Color> FIXED = fixed();
  private static final List<Color> OTHERS = COLORS.subList(FIXED.size(), COLORS.size());

  private final Map<String, Color> colors;

  private MethodPalette(Map<String, Color> colors) {
    this.colors = colors;
  }

  /** The registry's methods take the first colours, in its order (ft blue, pt orange, pt2 green). */
  private static Map<String, Color> fixed() {
    Map<String, Color> fixed = new LinkedHashMap<>();
    for (String method : TuningMethods.NAMES) {
      fixed.put(method, COLORS.get(fixed.size()));
    }
    return fixed;
  }

  public static MethodPalette of(Collection<String> methods) {
    Map<String, Color> colors = new LinkedHashMap<>(FIXED);
    List<String> others = methods.stream().distinct().filter(m -> !FIXED.containsKey(m)).sorted().toList();
    for (int i = 0; i < others.size(); i++) {
      colors.put(others.get(i), OTHERS.get(i % OTHERS.size()));
    }
    return new MethodPalette(colors);
  }

  public Color color(String method) {
    Color c = colors.get(method);
    if (c == null) {
      throw new IllegalArgumentException("method " + method + " is not in this sweep's palette " + colors.keySet());
    }
    return c;
  }

  /** The colour as CSS and SVG write it, for checking a figure file. */
  public static String rgb(Color c) {
    return "rgb(" + c.getRed() + "," + c.getGreen() + "," + c.getBlue() + ")";
  }
}
