package ptune.trial;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.logging.Logger;
import ptune.dataset.Example;
import ptune.dataset.ReadOptions;
import ptune.dataset.ReadResult;
import ptune.dataset.Split;
import ptune.dataset.Subsample;
import ptune.dataset.Task;

/**
 * The examples one trial trains, selects and reports on, after the spec's seeded subsampling: the
 * same draw on every call. Samples and the held-out split keep {@link Subsample} groups whole (a
 * MultiRC question's options, a ReCoRD query's candidates, a SQuAD article).
 *
 * <p>Knobs: {@code max_train_examples} and {@code max_dev_examples} (samples of train and dev),
 * {@code held_out_fraction} (a part of the train sample kept out of training to select the epoch
 * on), {@code max_test_examples} (a sample of a labelled test split; the whole split by default).
 *
 * @param test empty unless the task's test split is labelled and it was asked for
 */
record TrialSplits(List<Example> train, List<Example> heldOut, List<Example> dev, List<Example> test) {

  private static final Logger LOG = Logger.getLogger(TrialSplits.class.getName());

  /**
   * Reads and samples the splits. Bad records fail the trial naming file, line and field, unless
   * {@code skip_bad_records} is true: then they are left out and counted on the trial's log.
   *
   * @param withTest also read the test split when the task's test split is labelled
   */
  static TrialSplits load(TrialSpec spec, Task task, Path dataDir, boolean withTest) {
    Random data = new Random(spec.seed());
    ReadOptions options = Hyperparameters.SKIP_BAD_RECORDS.read(spec)
        ? ReadOptions.SKIP_BAD_RECORDS : ReadOptions.STRICT;
    List<Example> train = Subsample.upTo(read(spec, task, Split.TRAIN, dataDir, options),
        Hyperparameters.MAX_TRAIN_EXAMPLES.read(spec), data);
    List<Example> dev = Subsample.upTo(read(spec, task, Split.DEV, dataDir, options),
        Hyperparameters.MAX_DEV_EXAMPLES.read(spec), data);
    double heldOutFraction = Hyperparameters.HELD_OUT_FRACTION.read(spec);
    Subsample.Parts parts = Subsample.holdOut(train, heldOutFraction, data);
    if (parts.rest().isEmpty()) {
      throw new IllegalArgumentException("no training examples left: " + train.size()
          + " after max_train_examples, of which held_out_fraction " + heldOutFraction + " holds out "
          + parts.heldOut().size());
    }
    // Drawn from its own generator, so that asking for test leaves every other draw as it was.
    List<Example> test = withTest && task.labelledTest()
        ? Subsample.upTo(read(spec, task, Split.TEST, dataDir, options),
            Hyperparameters.MAX_TEST_EXAMPLES.read(spec), new Random(spec.seed() + 1))
        : List.of();
    return new TrialSplits(parts.rest(), parts.heldOut(), dev, test);
  }

  private static List<Example> read(TrialSpec spec, Task task, Split split, Path dataDir,
      ReadOptions options) {
    ReadResult result = task.load(split, dataDir, options);
    if (result.skippedRecords() > 0) {
      LOG.warning(String.format("trial %s: skipped %d bad records of %s %s: %s", spec.trialId(),
          result.skippedRecords(), task.name(), split.lowerName(), result.skippedMessages()));
    }
    if (!result.repairs().isEmpty()) {
      LOG.info(String.format("trial %s: %d record(s) of %s %s repaired as the task's options ask: %s", spec.trialId(),
          result.repairs().size(), task.name(), split.lowerName(), result.repairs()));
    }
    if (result.examples().isEmpty()) {
      throw new IllegalArgumentException(task.paths(split, dataDir) + ": no usable records (task "
          + task.name() + ", " + split.lowerName() + " split"
          + (result.skippedRecords() > 0 ? "; all " + result.skippedRecords() + " skipped as bad, the first: "
              + result.skippedMessages().get(0) : "") + ")");
    }
    return result.examples();
  }
}
