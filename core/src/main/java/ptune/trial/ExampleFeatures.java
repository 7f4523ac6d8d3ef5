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
import ptune.encoding.ExampleEncoder;
import ptune.encoding.QaSplitEncoder;
import ptune.encoding.SplitEncoder;
import ptune.encoding.TaggingSplitEncoder;
import ptune.encoding.VerbalizerEncoder;
import ptune.featurestore.FeatureSetKey;
import ptune.featurestore.StoredExample;

/**
 * The features preprocessing stores ahead of the trials, for every task kind: the rows of
 * classification, regression and multiple-choice examples, the sentences of tagging tasks with
 * their word alignment, the windows of QA questions with their context offsets. This class is the
 * one place that says which encoder a {@link FeatureSetKey} means, for preprocessing and for trials
 * alike, so stored rows are exactly the rows a trial would make by tokenizing.
 */
public final class ExampleFeatures {
  /** Bump when an encoder changes its output for the same tokenizer: stored sets then rebuild. */
  private static final String VERSION = "example-features-v2";
  /** Encoded into the fingerprint, so a tokenizer that splits or normalizes differently shows. */
  private static final String TOKENIZER_PROBE = "Über-naïve café, 1999: isn't P-tuning v2 \"deep\"?";
  /** A QA set's encoding names its window stride, which changes the windows. */
  private static final String STRIDE = "stride";

  private ExampleFeatures() {}

  /**
   * The feature set a trial of {@code spec} encodes its examples with: whole-example tasks by their
   * head ("classifier" or cloze inputs for "verbalizer"), QA by its window stride.
   */
  public static FeatureSetKey key(TrialSpec spec, Task task) {
    String encoding = task.kind() == TaskKind.SPAN_EXTRACTION
        ? STRIDE + TrialHyperparameters.docStride(spec) : TrialHyperparameters.head(spec);
    return new FeatureSetKey(spec.task(), spec.backbone(), TrialHyperparameters.maxLength(spec, task.kind()),
        encoding);
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
    SplitEncoder encoder = encoder(key, backbone, task);
    List<StoredExample> stored = new ArrayList<>(examples.size());
    for (Example e : examples) {
      stored.add(new StoredExample(split.lowerName(), e.id(), sourceHash(e), encoder.encode(e)));
    }
    return stored;
  }

  /** The encoder of {@code key}: what a trial tokenizes with, and what preprocessing stores. */
  public static SplitEncoder encoder(FeatureSetKey key, Backbone backbone, Task task) {
    return switch (task.kind()) {
      case TOKEN_CLASSIFICATION -> new TaggingSplitEncoder(backbone.tokenizer(), task.labels(), key.maxLength());
      // "squad2" decodes the null answer even for input without gold answers (predict); other
      // tasks do where a split holds unanswerable questions (QaSplitEncoder).
      case SPAN_EXTRACTION -> new QaSplitEncoder(backbone.tokenizer(), key.maxLength(),
          Integer.parseInt(key.encoding().substring(STRIDE.length())), task.name().equals("squad2"));
      case SEQUENCE_CLASSIFICATION, REGRESSION, MULTIPLE_CHOICE -> key.encoding().equals(TrialHyperparameters.VERBALIZER)
          ? new VerbalizerEncoder(backbone.tokenizer(), key.maxLength())
          : new ExampleEncoder(backbone.tokenizer(), key.maxLength(), task.kind() == TaskKind.REGRESSION);
    };
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
