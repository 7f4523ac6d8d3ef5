package ptune.trial;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import ptune.backbone.Backbone;
import ptune.dataset.Example;
import ptune.dataset.Split;
import ptune.dataset.Task;
import ptune.dataset.TaskKind;
import ptune.encoding.ClassDecoder;
import ptune.encoding.ExampleEncoder;
import ptune.encoding.PredictionDecoder;
import ptune.encoding.SplitEncoder;
import ptune.encoding.VerbalizerEncoder;
import ptune.featurestore.FeatureSetKey;
import ptune.featurestore.StoredExample;
import ptune.trainer.EncodedExample;

/**
 * The features preprocessing can store ahead of the trials: the rows of classification,
 * regression and multiple-choice tasks (whole-example labels, decoded by argmax). This class is
 * the one place that says which encoder a {@link FeatureSetKey} means, for preprocessing and for
 * trials alike, so stored rows are exactly the rows a trial would make by tokenizing. Tagging and
 * QA rows carry word alignments and window offsets for decoding, and are tokenized in the trial.
 */
public final class ExampleFeatures {
  /** Bump when an encoder changes its output for the same tokenizer: stored sets then rebuild. */
  private static final String VERSION = "example-features-v1";
  /** Encoded into the fingerprint, so a tokenizer that splits or normalizes differently shows. */
  private static final String TOKENIZER_PROBE = "Über-naïve café, 1999: isn't P-tuning v2 \"deep\"?";

  private ExampleFeatures() {}

  public static boolean storable(TaskKind kind) {
    return kind == TaskKind.SEQUENCE_CLASSIFICATION || kind == TaskKind.REGRESSION
        || kind == TaskKind.MULTIPLE_CHOICE;
  }

  /** The feature set a trial of {@code spec} encodes its examples with. */
  public static FeatureSetKey key(TrialSpec spec, Task task) {
    return new FeatureSetKey(spec.task(), spec.backbone(),
        TrialHyperparameters.maxLength(spec, task.kind()), TrialHyperparameters.head(spec));
  }

  /**
   * Identifies the rows {@code key} gives on {@code backbone}: encoder version and kind, maximum
   * length, the backbone's weights and how its tokenizer encodes a probe sentence.
   */
  public static String fingerprint(FeatureSetKey key, Backbone backbone) {
    return VERSION + ":" + key.encoding() + ":len" + key.maxLength() + ":" + backbone.fingerprint()
        + ":probe" + Arrays.toString(backbone.tokenizer().tokenize(TOKENIZER_PROBE).ids());
  }

  /** Encodes one split's examples for storing (preprocessing). */
  public static List<StoredExample> encode(FeatureSetKey key, Backbone backbone, Task task,
      Split split, List<Example> examples) {
    List<EncodedExample> rows = tokenize(key, backbone, task, examples);
    List<StoredExample> stored = new ArrayList<>(examples.size());
    for (int i = 0; i < examples.size(); i++) {
      Example e = examples.get(i);
      stored.add(new StoredExample(split.lowerName(), e.id(), sourceHash(e), rows.get(i)));
    }
    return stored;
  }

  /** The rows a trial makes of {@code examples} when it tokenizes them itself. */
  public static List<EncodedExample> tokenize(FeatureSetKey key, Backbone backbone, Task task,
      List<Example> examples) {
    return encoder(key, backbone, task).encode(examples).rows();
  }

  /** The encoder of {@code key}; only for {@link #storable} task kinds. */
  static SplitEncoder encoder(FeatureSetKey key, Backbone backbone, Task task) {
    if (!storable(task.kind())) {
      throw new IllegalArgumentException(task.name() + " is " + task.kind()
          + ": its features are not stored");
    }
    return key.encoding().equals(TrialHyperparameters.VERBALIZER)
        ? new VerbalizerEncoder(backbone.tokenizer(), key.maxLength())
        : new ExampleEncoder(backbone.tokenizer(), key.maxLength(),
            task.kind() == TaskKind.REGRESSION);
  }

  /** The decoder that goes with {@link #encoder}'s rows: argmax, or the score for regression. */
  static PredictionDecoder decoder(Task task) {
    return new ClassDecoder(task.kind() == TaskKind.REGRESSION);
  }

  /**
   * 64 bits of SHA-256 over the example's full content (examples are records, so their string
   * form lists every field): equal hashes mean the stored row was made from this very example.
   */
  public static long sourceHash(Example example) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest(example.toString().getBytes(StandardCharsets.UTF_8));
      return ByteBuffer.wrap(digest).getLong();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
    }
  }
}
