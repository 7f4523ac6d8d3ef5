package ptune.cli.commands.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import ptune.dataset.DataDirectory;

/** Positional arguments and {@code --key value} options of a data command, validated by name. */
public final class CommandOptions {
  public final List<String> positional = new ArrayList<>();
  public final Map<String, String> options = new LinkedHashMap<>();

  public CommandOptions(String[] args, Set<String> known, String usage) {
    for (int i = 0; i < args.length; i++) {
      if (args[i].startsWith("--")) {
        String key = args[i].substring(2);
        if (!known.contains(key) || i + 1 >= args.length) {
          throw new IllegalArgumentException("unknown or incomplete option '" + args[i] + "'; usage: "
              + usage);
        }
        options.put(key, args[++i]);
      } else {
        positional.add(args[i]);
      }
    }
  }

  /** --data-dir, else the configured or discovered data directory. */
  public Path dataDir() {
    String dir = options.get("data-dir");
    return dir != null ? Path.of(dir) : DataDirectory.resolve();
  }
}
