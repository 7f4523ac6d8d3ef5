package ptune.cli.commands.model;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import ptune.backbone.Backbone;
import ptune.backbone.BackboneRegistry;
import ptune.command.Command;
import ptune.model.IntraOpThreads;
import ptune.trial.NativeAllocator;

/**
 * {@code ptune bench}: median wall time of full training steps (forward, backward, clip + AdamW +
 * zero gradients) per tuning method on random token ids, beside the engine's 2048^2 fp32 matmul
 * rate measured in the same run. See docs/benchmarks.md.
 *
 * <p>--json writes a list with one object per method; {@code matmul_gflops} is repeated on every
 * object.
 */
public final class BenchCommand implements Command {

  @Override
  public String help() {
    return BenchOptions.USAGE + ": time training steps per method";
  }

  @Override
  public int run(String[] args) throws Exception {
    if (args.length > 0 && (args[0].equals("--help") || args[0].equals("-h"))) {
      System.out.println("usage: ptune " + BenchOptions.USAGE);
      return 0;
    }
    BenchOptions o = BenchOptions.parse(args);
    int threads = IntraOpThreads.use(o.threads());
    JniUtils.setGradMode(false); // as the Trainer: gradients only inside the collector
    Backbone backbone = BackboneRegistry.load(o.backbone());
    String allocator = NativeAllocator.inUse();
    System.out.printf(Locale.ROOT,
        "ptune bench: %s (%d layers x %d), batch %d, seq %d, prefix %d, dropout %s, precision %s"
            + " (frozen backbones), %d steps after %d warm-up%n",
        backbone.name(), backbone.config().numLayers(), backbone.config().hiddenSize(), o.batch(),
        o.seq(), o.prefix(), o.dropout(), o.precision().configName(), o.steps(), o.warmup());
    System.out.printf(Locale.ROOT,
        "engine %s %s, intra-op threads in effect %d (asked %d), inter-op %d, cores %d,"
            + " native allocator %s, load average %s%n",
        Engine.getInstance().getEngineName(), Engine.getInstance().getVersion(), threads,
        o.threads(), JniUtils.getNumInteropThreads(), Runtime.getRuntime().availableProcessors(),
        allocator, loadAverage());

    List<Map<String, Object>> rows = new ArrayList<>();
    try (NDManager manager = NDManager.newBaseManager()) {
      double gflops = o.matmulSize() == 0 ? Double.NaN
          : BenchMatmulProbe.gflops(manager, o.matmulSize(), 3, 9);
      System.out.printf(Locale.ROOT, "matmul %dx%d fp32: %.1f GFLOP/s (median of 9)%n",
          o.matmulSize(), o.matmulSize(), gflops);
      System.out.printf(Locale.ROOT, "%-6s %12s %10s %8s %10s %10s %10s %8s  %s%n", "method",
          "trainable", "ms/step", "ex/s", "fwd ms", "bwd ms", "upd ms", "loss", "load avg");
      for (String name : o.methods()) {
        try (BenchTrainingStep step = new BenchTrainingStep(backbone, name, o, manager)) {
          BenchStepTimer.Timings t = BenchStepTimer.time(step, o.warmup(), o.steps());
          double ms = t.medianTotal();
          double exPerS = o.batch() * 1000.0 / ms;
          String load = loadAverage();
          System.out.printf(Locale.ROOT, "%-6s %12d %10.1f %8.2f %10.1f %10.1f %10.1f %8.4f  %s%n",
              name, step.trainableCount(), ms, exPerS, t.medianPhase(0), t.medianPhase(1),
              t.medianPhase(2), step.lastLoss(), load);
          Map<String, Object> row = new LinkedHashMap<>();
          row.put("method", name);
          row.put("ms_per_step", round(ms));
          row.put("ex_per_s", round(exPerS));
          row.put("matmul_gflops", round(gflops));
          for (int i = 0; i < BenchTrainingStep.PHASES.size(); i++) {
            row.put(BenchTrainingStep.PHASES.get(i) + "_ms", round(t.medianPhase(i)));
          }
          row.put("step_ms_all", t.totalMs().stream().map(BenchCommand::round).toList());
          row.put("trainable_params", step.trainableCount());
          row.put("backbone", backbone.name());
          row.put("batch", o.batch());
          row.put("seq", o.seq());
          row.put("prefix", o.prefix());
          row.put("dropout", o.dropout());
          row.put("precision", BenchTrainingStep.precision(name, o).configName());
          row.put("threads", threads);
          row.put("allocator", allocator);
          row.put("steps", o.steps());
          row.put("warmup", o.warmup());
          row.put("load_average", load);
          rows.add(row);
          if (o.profileDir() != null) {
            profile(step, o.profileDir().resolve(name + ".json"));
          }
        }
      }
    }
    if (o.json() != null) {
      writeJson(rows, o.json());
      System.out.println("wrote " + o.json());
    }
    return 0;
  }

  private static void profile(BenchTrainingStep step, Path out) throws IOException {
    Files.createDirectories(out.toAbsolutePath().getParent());
    JniUtils.startProfile(false, true, false);
    try {
      step.run();
    } finally {
      JniUtils.stopProfile(out.toString());
    }
    System.out.println("  profile of one step: " + out);
  }

  private static void writeJson(List<Map<String, Object>> rows, Path out) throws IOException {
    Path parent = out.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), rows);
  }

  private static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException | RuntimeException e) {
      return "n/a";
    }
  }

  private static double round(double x) {
    return Math.round(x * 100) / 100.0;
  }
}
