package ptune.trial;

import java.util.List;
import java.util.Optional;
import ptune.features.QaWindowEncoder;
import ptune.method.PromptConfig;
import ptune.trainer.TrainerConfig;

/**
 * Every hyperparameter key the built-in trial runner reads, each defined once with its type, its
 * default (the official P-tuning v2 one where it has one) and its range. {@link TrialHyperparameters},
 * {@link TrialSplits} and the head read values through these; the sweep config's validator
 * ({@code jobs: ptune.sweep.HyperparameterCatalog}) checks grid values against them.
 */
public final class Hyperparameters {
  public static final Hyperparameter<Double> LR = key("lr", Double.class, null, ValueRange.positive(),
      "peak learning rate; default: the method's (ft 2e-5, pt and pt2 1e-2)");
  public static final Hyperparameter<Integer> EPOCHS = key("epochs", Integer.class, 10,
      ValueRange.atLeast(1), "training epochs, dev scored after each");
  public static final Hyperparameter<Integer> BATCH_SIZE = key("batch_size", Integer.class, 16,
      ValueRange.atLeast(1), "training examples per step");
  public static final Hyperparameter<Integer> EVAL_BATCH_SIZE = key("eval_batch_size", Integer.class,
      TrainerConfig.DEFAULT_EVAL_BATCH_SIZE, ValueRange.atLeast(1), "examples per forward pass when scoring");
  public static final Hyperparameter<Integer> ACCUMULATION = key("accumulation", Integer.class, TrainerConfig.DEFAULT_ACCUMULATION,
      ValueRange.atLeast(1), "batches whose gradients add up to one optimizer step");
  public static final Hyperparameter<Double> WEIGHT_DECAY = key("weight_decay", Double.class, TrainerConfig.DEFAULT_WEIGHT_DECAY,
      ValueRange.atLeast(0), "AdamW's decoupled weight decay");
  public static final Hyperparameter<Double> WARMUP_RATIO = key("warmup_ratio", Double.class, TrainerConfig.DEFAULT_WARMUP_RATIO,
      ValueRange.between(0, 1), "part of the steps with a linear warm-up");
  public static final Hyperparameter<String> SCHEDULE = key("schedule", String.class, null,
      ValueRange.ANY, "linear or exponential; default: exponential for NER, SRL and QA, else linear");
  public static final Hyperparameter<Double> GAMMA = key("gamma", Double.class, TrainerConfig.DEFAULT_GAMMA,
      ValueRange.positive(), "per-epoch decay of the exponential schedule");
  public static final Hyperparameter<Double> MAX_GRAD_NORM = key("max_grad_norm", Double.class, TrainerConfig.DEFAULT_MAX_GRAD_NORM,
      ValueRange.positive(), "gradient clipping norm");
  public static final Hyperparameter<Integer> PATIENCE = key("patience", Integer.class, TrainerConfig.DEFAULT_PATIENCE,
      ValueRange.atLeast(0), "epochs without a better dev score before stopping; 0 never stops");
  public static final Hyperparameter<Integer> PREFIX_LEN = key("prefix_len", Integer.class, 16,
      ValueRange.atLeast(0), "prompt length P (pre_seq_len)");
  public static final Hyperparameter<Integer> PREFIX_DEPTH = key("prefix_depth", Integer.class, null,
      ValueRange.atLeast(0), "layers that get prefixes (pt2); default: all the backbone's layers");
  public static final Hyperparameter<String> PREFIX_DEPTH_FROM = key("prefix_depth_from",
      String.class, "bottom", ValueRange.ANY, "bottom or top: which layers a partial depth prompts");
  public static final Hyperparameter<Boolean> PREFIX_PROJECTION = key("prefix_projection",
      Boolean.class, false, ValueRange.ANY, "reparameterize the prompts through an MLP");
  public static final Hyperparameter<Integer> PREFIX_HIDDEN = key("prefix_hidden", Integer.class,
      PromptConfig.DEFAULT_PROJECTION_HIDDEN, ValueRange.atLeast(1), "hidden size of that MLP");
  public static final Hyperparameter<Boolean> SHIFT_POSITIONS = key("shift_positions", Boolean.class,
      true, ValueRange.ANY, "pt2: real tokens take positions P..P+T-1, as Hugging Face gives them");
  public static final Hyperparameter<Double> DROPOUT = key("dropout", Double.class,
      PromptConfig.DEFAULT_DROPOUT, new ValueRange(0, true, 0.999),
      "hidden, attention, prefix and head dropout");
  public static final Hyperparameter<Integer> MAX_LEN = key("max_len", Integer.class, 128,
      ValueRange.atLeast(4), "input tokens per example; QA defaults to "
          + QaWindowEncoder.DEFAULT_MAX_LENGTH + " per window");
  public static final Hyperparameter<Integer> DOC_STRIDE = key("doc_stride", Integer.class,
      QaWindowEncoder.DEFAULT_STRIDE, ValueRange.atLeast(1), "overlap of consecutive QA windows");
  public static final Hyperparameter<Double> HELD_OUT_FRACTION = key("held_out_fraction",
      Double.class, 0.0, new ValueRange(0, true, 0.9),
      "part of the train sample kept out of training to select the epoch on");
  public static final Hyperparameter<Integer> MAX_TRAIN_EXAMPLES = key("max_train_examples",
      Integer.class, Integer.MAX_VALUE, ValueRange.atLeast(1), "seeded sample of train; default all");
  public static final Hyperparameter<Integer> MAX_DEV_EXAMPLES = key("max_dev_examples",
      Integer.class, Integer.MAX_VALUE, ValueRange.atLeast(1), "seeded sample of dev; default all");
  public static final Hyperparameter<Integer> MAX_TEST_EXAMPLES = key("max_test_examples",
      Integer.class, Integer.MAX_VALUE, ValueRange.atLeast(1),
      "seeded sample of a labelled test split; default all");
  public static final Hyperparameter<String> HEAD = key("head", String.class,
      TrialHyperparameters.CLASSIFIER, ValueRange.ANY, "classifier or verbalizer");
  public static final Hyperparameter<String> LABEL_WORDS = key("label_words", String.class, null,
      ValueRange.ANY, "verbalizer: one word per class, comma-separated; default: the task's");
  public static final Hyperparameter<String> PRECISION = key("precision", String.class, "fp32",
      ValueRange.ANY, "fp32 or bf16: a frozen backbone's weights multiplied in bfloat16 (pt, pt2)");
  public static final Hyperparameter<Boolean> SKIP_BAD_RECORDS = key("skip_bad_records",
      Boolean.class, false, ValueRange.ANY, "leave malformed records out and count them on the log");

  public static final List<Hyperparameter<?>> ALL = List.of(LR, EPOCHS, BATCH_SIZE,
      EVAL_BATCH_SIZE, ACCUMULATION, WEIGHT_DECAY, WARMUP_RATIO, SCHEDULE, GAMMA, MAX_GRAD_NORM,
      PATIENCE, PREFIX_LEN, PREFIX_DEPTH, PREFIX_DEPTH_FROM, PREFIX_PROJECTION, PREFIX_HIDDEN,
      SHIFT_POSITIONS, DROPOUT, MAX_LEN, DOC_STRIDE, HELD_OUT_FRACTION, MAX_TRAIN_EXAMPLES,
      MAX_DEV_EXAMPLES, MAX_TEST_EXAMPLES, HEAD, LABEL_WORDS, PRECISION, SKIP_BAD_RECORDS);

  private Hyperparameters() {}

  public static Optional<Hyperparameter<?>> find(String name) {
    return ALL.stream().filter(h -> h.name().equals(name)).findFirst();
  }

  private static <T> Hyperparameter<T> key(String name, Class<T> type, T defaultValue,
      ValueRange range, String doc) {
    return new Hyperparameter<>(name, type, defaultValue, range, doc);
  }
}
