package ptune.notebooks;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import ptune.results.SweepLayout;
import ptune.results.TrialResultStore;
import ptune.results.TrialRow;
import ptune.results.TrialTable;
import ptune.tables.TablePublisher;
import ptune.tables.TrialRecord;
import ptune.trial.EpochMetrics;
import ptune.trial.PromptTuningTrialRunner;
import ptune.trial.TrialEnvironment;
import ptune.trial.TrialListener;
import ptune.trial.TrialResult;
import ptune.trial.TrialSpec;
import ptune.trial.TrialStatus;

/**
 * Real (not scripted) results for the notebooks to show, small enough for 2 CPU cores: MiniLM-L6 on a
 * CB subsample, FT once and PT-2 at two prompt lengths, one of them with two seeds (so the table, the
 * PT-2-vs-FT bars, the learning curves, the prompt-length plot and the seed spread all have data). The
 * trials run in this JVM with {@link PromptTuningTrialRunner}; their rows and checkpoints are written
 * with the jobs module's {@link TrialResultStore}, consolidated to {@code trials/trials.parquet} and
 * aggregated by {@link TablePublisher}, the same files a {@code ptune run} leaves.
 */
public final class TinyRealSweep {

  public static final String NAME = "notebook-e2e";

  private TinyRealSweep() {}

  /**
   * The trials: (method, prompt length or null, seed). Both prompt lengths have two seeds, so the
   * seed spread the notebook shows has two seeds whichever length wins on dev.
   */
  static List<TrialSpec> specs() {
    return List.of(
        spec("ft", null, 1, 5e-5),
        spec("pt2", 4, 1, 1e-2),
        spec("pt2", 4, 2, 1e-2),
        spec("pt2", 8, 1, 1e-2),
        spec("pt2", 8, 2, 1e-2));
  }

  private static TrialSpec spec(String method, Integer prefixLen, long seed, double lr) {
    Map<String, Object> hp = new LinkedHashMap<>();
    hp.put("epochs", 2);
    hp.put("batch_size", 16);
    hp.put("max_len", 64);
    hp.put("dropout", 0.1);
    hp.put("held_out_fraction", 0.2);
    hp.put("max_train_examples", 40);
    hp.put("max_dev_examples", 32);
    hp.put("lr", lr);
    if (prefixLen != null) {
      hp.put("prefix_len", prefixLen);
    }
    return TrialSpec.of(NAME, "minilm-l6", method, "cb", seed, hp);
  }

  /**
   * Runs the trials and writes everything under {@code outDir/notebook-e2e}; returns that directory.
   *
   * @throws AssertionError naming the trial and its error when a trial does not complete
   */
  public static Path run(Path outDir, Path dataDir, PrintStream log) throws IOException {
    Path sweepDir = outDir.resolve(NAME);
    SweepLayout layout = SweepLayout.atRoot(sweepDir.toString());
    TrialResultStore store = new TrialResultStore(layout);
    TrialListener progress = new TrialListener() {
      @Override
      public void epochFinished(TrialSpec spec, EpochMetrics m, double examplesPerSecond) {
        log.printf("  %s %s prefix_len=%s seed=%d epoch %d: loss %.4f dev %.4f (%.1f ex/s)%n", spec.method(),
            spec.task(), spec.get("prefix_len", "-"), spec.seed(), m.epoch(), m.trainLoss(), m.devScore(),
            examplesPerSecond);
      }
    };
    for (TrialSpec spec : specs()) {
      long start = System.nanoTime();
      Path checkpoint = Files.createTempDirectory("ptune-notebook-checkpoint-");
      TrialResult result = new PromptTuningTrialRunner().run(spec, new TrialEnvironment("cpu", dataDir, checkpoint, progress));
      if (result.status() != TrialStatus.COMPLETED) {
        throw new AssertionError("trial " + spec + " ended " + result.status() + ": " + result.error());
      }
      String moved = store.moveCheckpoint(checkpoint, spec.trialId());
      store.write(spec.trialId(), TrialRow.toJson(result, new TrialRow.Provenance(moved, "driver",
          PromptTuningTrialRunner.class.getName(), dataDir.toString())));
      log.printf("trial %s %s seed=%d: dev %.4f in %.0f s%n", spec.trialId(), spec.method(), spec.seed(),
          result.bestDevScore(), (System.nanoTime() - start) / 1e9);
    }
    SparkSession spark = SparkSession.builder().master("local[2]").appName("notebook test results")
        .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1").getOrCreate();
    try {
      List<TrialRecord> records = TrialRecord.collect(TrialTable.consolidate(spark, layout));
      new TablePublisher(spark, log).publish(records, layout, 1.0);
    } finally {
      spark.stop();
    }
    return sweepDir;
  }

  /** {@code TinyRealSweep OUT_DIR DATA_DIR}: the results without the test, e.g. to try the notebooks. */
  public static void main(String[] args) throws IOException {
    System.out.println(run(Path.of(args[0]), Path.of(args[1]), System.out));
  }
}
