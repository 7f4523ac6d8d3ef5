package ptune.cli.commands.data;

import java.nio.channels.SeekableByteChannel;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import ptune.backbone.Backbone;
import ptune.backbone.BackboneRegistry;
import ptune.command.Command;
import ptune.dataset.Example;
import ptune.dataset.Split;
import ptune.dataset.Task;
import ptune.tasks.TaskRegistry;
import ptune.featurestore.FeatureSetKey;
import ptune.featurestore.FeatureSource;
import ptune.featurestore.InMemoryFeatureSource;
import ptune.featurestore.StoredExample;
import ptune.featurestore.StoredFeatureSet;
import ptune.featurestore.WantedExamples;
import ptune.encoding.SplitEncoder;
import ptune.preprocess.HadoopFeatureSource;
import ptune.trial.ExampleFeatures;
import ptune.trial.TrialSpec;

/**
 * {@code ptune bench-features TASK}: what preprocessing saves a trial. Times (median of 5) the two
 * ways a trial gets its train and dev rows: tokenizing every example with its encoder, or reading
 * them from stored Arrow shards, looking each example up by id and checking its content hash, as
 * trials do. The shards are written in memory first (one per split), so no Spark is involved, or,
 * with {@code --features DIR} (a sweep's {@code features/} after {@code preprocess}), read from
 * there as trials read them.
 */
public final class BenchFeaturesCommand implements Command {
  private static final String USAGE =
      "bench-features TASK [--backbone NAME] [--max-len N] [--data-dir DIR] [--features DIR]";
  private static final int RUNS = 5;

  @Override
  public String help() {
    return USAGE + ": time tokenizing a task vs loading its stored features";
  }

  @Override
  public int run(String[] args) throws Exception {
    CommandOptions opts = new CommandOptions(args, Set.of("backbone", "max-len", "data-dir", "features"), USAGE);
    if (opts.positional.size() != 1) {
      throw new IllegalArgumentException("usage: " + USAGE + "; tasks: " + TaskRegistry.names());
    }
    Task task = TaskRegistry.get(opts.positional.get(0));
    Backbone backbone = BackboneRegistry.load(opts.options.getOrDefault("backbone", "minilm-l6"));
    Map<String, Object> hyperparameters = opts.options.containsKey("max-len")
        ? Map.of("max_len", Integer.parseInt(opts.options.get("max-len"))) : Map.of();
    FeatureSetKey key = ExampleFeatures.key(TrialSpec.of("bench", backbone.name(), "pt2", task.name(), 0,
        hyperparameters), task);
    SplitEncoder encoder = ExampleFeatures.encoder(key, backbone, task);
    List<Example> train = task.load(Split.TRAIN, opts.dataDir()).examples();
    List<Example> dev = task.load(Split.DEV, opts.dataDir()).examples();
    String fingerprint = ExampleFeatures.fingerprint(key, backbone);
    FeatureSource source;
    if (opts.options.containsKey("features")) {
      source = new HadoopFeatureSource(opts.options.get("features"));
      StoredFeatureSet stored = StoredFeatureSet.load(source, key);
      if (stored == null || !fingerprint.equals(stored.fingerprint())) {
        throw new IllegalArgumentException(source.location(key) + " holds no features of this encoder ("
            + fingerprint + "); run preprocess first");
      }
    } else {
      source = new InMemoryFeatureSource(Map.of(
          "train.arrow", InMemoryFeatureSource.shard(
              ExampleFeatures.encode(key, backbone, task, Split.TRAIN, train), fingerprint),
          "dev.arrow", InMemoryFeatureSource.shard(
              ExampleFeatures.encode(key, backbone, task, Split.DEV, dev), fingerprint)));
    }
    // as a trial: only its splits' shards are opened, only its examples kept
    WantedExamples wanted = WantedExamples.of(Map.of(Split.TRAIN.lowerName(), ids(train), Split.DEV.lowerName(), ids(dev)));
    double[] tokenize = new double[RUNS];
    double[] load = new double[RUNS];
    for (int run = 0; run < RUNS; run++) {
      long t0 = System.nanoTime();
      encoder.encode(train);
      encoder.encode(dev);
      long t1 = System.nanoTime();
      StoredFeatureSet stored = StoredFeatureSet.load(source, key, wanted);
      lookUp(stored, Split.TRAIN, train);
      lookUp(stored, Split.DEV, dev);
      long t2 = System.nanoTime();
      tokenize[run] = (t1 - t0) / 1e9;
      load[run] = (t2 - t1) / 1e9;
    }
    long bytes = 0;
    for (FeatureSource.ShardFile shard : source.shards(key)) {
      try (SeekableByteChannel in = shard.open()) {
        bytes += in.size();
      }
    }
    System.out.printf(Locale.ROOT, "%s, %s, max_len %d (%s): %d train + %d dev examples, shards %.1f MB at %s%n",
        task.name(), backbone.name(), key.maxLength(), key.encoding(), train.size(), dev.size(), bytes / 1e6,
        source.location(key));
    System.out.printf(Locale.ROOT, "tokenize: %.3f s   stored: %.3f s   (median of %d, %d cores)%n",
        median(tokenize), median(load), RUNS, Runtime.getRuntime().availableProcessors());
    return 0;
  }

  private static void lookUp(StoredFeatureSet stored, Split split, List<Example> examples) {
    for (Example e : examples) {
      StoredExample row = stored.find(split.lowerName(), e.id());
      if (row == null || row.sourceHash() != ExampleFeatures.sourceHash(e)) {
        throw new IllegalStateException("stored features lack " + split.lowerName() + " " + e.id());
      }
    }
  }

  private static Set<String> ids(List<Example> examples) {
    return examples.stream().map(Example::id).collect(Collectors.toSet());
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
