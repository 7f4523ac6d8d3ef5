package ptune.jobs;

import java.util.ArrayList;
import java.util.List;

/**
 * The arguments every job takes: {@code [<config>] [--out DIR] [--force] [--rerun] [--baseline RUN]
 * [--master URL] [--spark-profile FILE] [--data DIR] [--from DIR]... [--verbose]}. A missing config
 * means the embedded quickstart sweep.
 *
 * @param from trial directories of other runs to aggregate ({@code DIR/<sweep name>}); empty = this run
 * @param rerun re-execute every trial as a new run in the sweep's history ({@link ptune.sweep.RunHistory})
 * @param baseline the run to compare with besides the previous one: a run id of the sweep's history
 *     or a run's directory; null = none
 * @param verbose the full log (INFO) on the console too, not only in the sweep's log file
 */
public record JobArguments(
    String config, String out, boolean force, String master, String sparkProfile, String dataDir, List<String> from,
    boolean rerun, String baseline, boolean verbose) {

  public static final String USAGE =
      "[<config.yaml>|quickstart] [--out DIR] [--force] [--rerun] [--baseline RUN] [--master URL] [--spark-profile FILE]"
          + " [--data DIR] [--from DIR]... [--verbose]";

  public static JobArguments parse(String[] args) {
    String config = null;
    String out = "runs";
    boolean force = false;
    String master = null;
    String profile = null;
    String data = null;
    List<String> from = new ArrayList<>();
    boolean rerun = false;
    String baseline = null;
    boolean verbose = false;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "--out" -> out = value(args, ++i, a);
        case "--force" -> force = true;
        case "--master" -> master = value(args, ++i, a);
        case "--spark-profile" -> profile = value(args, ++i, a);
        case "--data" -> data = value(args, ++i, a);
        case "--from" -> from.add(value(args, ++i, a));
        case "--rerun" -> rerun = true;
        case "--baseline" -> baseline = value(args, ++i, a);
        case "--verbose" -> verbose = true;
        default -> {
          if (a.startsWith("--") || config != null) {
            throw new IllegalArgumentException("unexpected argument '" + a + "'; usage: " + USAGE);
          }
          config = a;
        }
      }
    }
    if (rerun && force) {
      throw new IllegalArgumentException("--rerun and --force: a rerun runs every trial anyway; give one of them");
    }
    return new JobArguments(config, out, force, master, profile, data, List.copyOf(from), rerun, baseline, verbose);
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      throw new IllegalArgumentException(option + " needs a value; usage: " + USAGE);
    }
    return args[i];
  }
}
