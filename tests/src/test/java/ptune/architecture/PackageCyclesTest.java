package ptune.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import ptune.testing.TestSweeps;

/**
 * The packages of the three modules' main sources depend on each other without cycles
 * (docs/architecture.md: packages follow the data). Dependencies are the imports and the fully
 * qualified names in code; comments and string literals do not count.
 */
class PackageCyclesTest {

  private static final Pattern COMMENTS_AND_STRINGS =
      Pattern.compile("/\\*.*?\\*/|//[^\\n]*|\"(?:\\\\.|[^\"\\\\\\n])*\"", Pattern.DOTALL);
  private static final Pattern PACKAGE = Pattern.compile("^package (ptune[\\w.]*);", Pattern.MULTILINE);
  private static final Pattern REFERENCE = Pattern.compile("\\b(ptune(?:\\.[a-z]\\w*)+)\\.[A-Z]\\w*");

  @Test
  void noPackageCycles() throws IOException {
    Map<String, Set<String>> dependsOn = new TreeMap<>();
    for (String module : List.of("datasets", "core", "jobs")) {
      Path root = TestSweeps.repoRoot().resolve(module).resolve("src/main/java");
      try (Stream<Path> files = Files.walk(root)) {
        for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
          String code = COMMENTS_AND_STRINGS.matcher(Files.readString(file)).replaceAll("");
          Matcher pkg = PACKAGE.matcher(code);
          assertTrue(pkg.find(), "no package line in " + file);
          Set<String> deps = dependsOn.computeIfAbsent(pkg.group(1), p -> new TreeSet<>());
          Matcher ref = REFERENCE.matcher(code.substring(pkg.end()));
          while (ref.find()) {
            deps.add(ref.group(1));
          }
        }
      }
    }
    dependsOn.forEach((pkg, deps) -> {
      deps.remove(pkg);
      deps.retainAll(dependsOn.keySet());
    });
    assertTrue(dependsOn.size() > 30, "packages found: " + dependsOn.keySet());
    assertEquals(List.of(), cycles(dependsOn), "package cycles; the graph: " + dependsOn);
  }

  /** Strongly connected groups of more than one package (Tarjan). */
  private static List<Set<String>> cycles(Map<String, Set<String>> graph) {
    Map<String, Integer> index = new HashMap<>();
    Map<String, Integer> low = new HashMap<>();
    Deque<String> stack = new ArrayDeque<>();
    List<Set<String>> found = new ArrayList<>();
    for (String v : graph.keySet()) {
      if (!index.containsKey(v)) {
        connect(v, graph, index, low, stack, found);
      }
    }
    return found;
  }

  private static void connect(String v, Map<String, Set<String>> graph, Map<String, Integer> index,
      Map<String, Integer> low, Deque<String> stack, List<Set<String>> found) {
    index.put(v, index.size());
    low.put(v, index.get(v));
    stack.push(v);
    for (String w : graph.getOrDefault(v, Set.of())) {
      if (!index.containsKey(w)) {
        connect(w, graph, index, low, stack, found);
        low.put(v, Math.min(low.get(v), low.get(w)));
      } else if (stack.contains(w)) {
        low.put(v, Math.min(low.get(v), index.get(w)));
      }
    }
    if (low.get(v).equals(index.get(v))) {
      Set<String> group = new TreeSet<>();
      String w;
      do {
        w = stack.pop();
        group.add(w);
      } while (!w.equals(v));
      if (group.size() > 1) {
        found.add(group);
      }
    }
  }
}
